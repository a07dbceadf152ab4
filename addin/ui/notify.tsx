// Short confirmations and failures of actions, as Fluent toasts (announced to screen readers).
import {
  Toast,
  ToastBody,
  Toaster,
  ToastTitle,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/api-error.js';

type Notify = (intent: 'success' | 'error' | 'info', title: string, body?: string) => void;

const NotifyContext = createContext<Notify>(() => undefined);

export function NotifyProvider({ children }: { children: ReactNode }) {
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  const notify = useCallback<Notify>(
    (intent, title, body) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
          {body ? <ToastBody>{body}</ToastBody> : null}
        </Toast>,
        { intent, timeout: intent === 'error' ? 8_000 : 4_000 },
      ),
    [dispatchToast],
  );
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Toaster toasterId={toasterId} position="bottom-end" />
    </NotifyContext.Provider>
  );
}

export const useNotify = () => useContext(NotifyContext);

/**
 * Runs mutations one at a time per key with a busy flag; failures become an error toast with the
 * API's readable message and code. Resolves to the result, or undefined after a failure.
 */
export function useAction() {
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(key: string, action: () => Promise<T>, success?: string): Promise<T | undefined> => {
      setBusy(key);
      try {
        const result = await action();
        if (success) notify('success', success);
        return result;
      } catch (error) {
        const code = error instanceof ApiError ? ` (${error.code})` : '';
        notify('error', 'That did not work', `${describeError(error)}${code}`);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [notify],
  );
  return { busy, run };
}
