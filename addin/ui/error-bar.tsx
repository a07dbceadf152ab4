// An error as a Fluent message bar: the API's readable message and, for support, its code.
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ApiError, describeError } from '../api/api-error.js';

export function ErrorBar({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {describeError(error)}
        {code ? <> ({code})</> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
