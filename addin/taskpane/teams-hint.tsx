// Office.js cannot switch on a Teams meeting in an appointment (no such API exists), so the pane
// says plainly where the organizer does it.
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export function TeamsMeetingHint() {
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Want a Teams meeting?</MessageBarTitle>
        Switch on the <strong>Teams meeting</strong> toggle in the meeting form (in classic Outlook,
        the <strong>Teams Meeting</strong> button on the ribbon). Add-ins can&apos;t switch it on
        for you. If your organization adds a Teams meeting to every meeting, it is already there.
      </MessageBarBody>
    </MessageBar>
  );
}
