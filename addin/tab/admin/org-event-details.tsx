// One org event in full: delivery by part, every answer (unless hidden), Teams attendance or why it
// is not available, and cancelling it.
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { cancelOrgEvent, getOrgEvent, type OrgEvent } from '../../api/org-events.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { formatDateTime, formatRelative } from '../../ui/format.js';
import { useAction } from '../../ui/notify.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';
import { formatSlot } from '../../ui/zoned-format.js';
import { RsvpBar } from './rsvp-bar.js';

const useStyles = makeStyles({
  body: { display: 'grid', rowGap: tokens.spacingVerticalM },
  scroll: { maxHeight: '16rem', overflowY: 'auto' },
});

const ANSWER = {
  accepted: 'Accepted',
  tentativelyAccepted: 'Tentative',
  declined: 'Declined',
  none: 'No answer',
} as const;

function minutes(seconds: number): string {
  return `${Math.round(seconds / 60)} min`;
}

function Details({ event, onCancelled }: { event: OrgEvent; onCancelled: (e: OrgEvent) => void }) {
  const styles = useStyles();
  return (
    <div className={styles.body}>
      <Text>{formatSlot(event.start, event.end, event.timeZone)}</Text>
      <Caption1>
        From {event.serviceMailbox} to {event.recipients} people
        {event.parts > 1
          ? ` in ${event.parts} invitations of at most 500 (hidden attendee lists)`
          : ''}
        .
      </Caption1>
      <RsvpBar rsvp={event.rsvp} />
      <Caption1>Answers read {formatRelative(event.answersCheckedAt)}.</Caption1>
      <Text weight="semibold">Delivery</Text>
      <ul>
        {event.delivery.parts.map((p) => (
          <li key={p.index}>
            Invitation {p.index + 1} to {p.recipients} people: {p.state}
            {p.sentAt ? ` ${formatDateTime(p.sentAt)}` : ''}
            {p.error ? ` — ${p.error.message} (${p.error.code})` : ''}
          </li>
        ))}
      </ul>
      {event.delivery.expectedCompletionAt ? (
        <Caption1>
          Exchange&apos;s sending limits queue the rest; done{' '}
          {formatRelative(event.delivery.expectedCompletionAt)}.
        </Caption1>
      ) : null}
      {event.attendance ? (
        event.attendance.available ? (
          <>
            <Text weight="semibold">Teams attendance ({event.attendance.reports} reports)</Text>
            <div className={styles.scroll}>
              <Table size="small" aria-label="Attendance">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Attendee</TableHeaderCell>
                    <TableHeaderCell>Time in meeting</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {event.attendance.attendees.map((a) => (
                    <TableRow key={a.email}>
                      <TableCell>{a.name ?? a.email}</TableCell>
                      <TableCell>{minutes(a.seconds)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        ) : (
          <Caption1>Teams attendance: {event.attendance.detail}</Caption1>
        )
      ) : null}
      {event.answers.length > 0 ? (
        <div className={styles.scroll}>
          <Table size="small" aria-label="Answers">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Invitee</TableHeaderCell>
                <TableHeaderCell>Answer</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {event.answers.map((a) => (
                <TableRow key={a.email}>
                  <TableCell>{a.email}</TableCell>
                  <TableCell>{ANSWER[a.response]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {event.state === 'scheduled' ? (
        <CancelEvent event={event} onCancelled={onCancelled} />
      ) : (
        <Text>Cancelled {formatDateTime(event.cancelledAt)}.</Text>
      )}
    </div>
  );
}

function CancelEvent({
  event,
  onCancelled,
}: {
  event: OrgEvent;
  onCancelled: (e: OrgEvent) => void;
}) {
  const { busy, run } = useAction();
  const { api } = useSession();
  return (
    <div>
      <ConfirmButton
        label="Cancel event"
        title={`Cancel “${event.subject}”?`}
        confirmLabel="Cancel event"
        disabled={busy === 'cancel'}
        onConfirm={() =>
          void run('cancel', () => cancelOrgEvent(api, event.id), 'Event cancelled').then((e) => {
            if (e) onCancelled(e);
          })
        }
      >
        Every invitee gets a cancellation; invitations not sent yet never go out.
      </ConfirmButton>
    </div>
  );
}

export function OrgEventDetails({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { api } = useSession();
  const event = useResource(() => (id ? getOrgEvent(api, id) : Promise.resolve(null)), [api, id]);
  return (
    <Dialog open={id !== null} onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{event.data?.subject ?? 'Org event'}</DialogTitle>
          <DialogContent>
            <ErrorBar error={event.error} />
            {event.data ? (
              <Details
                event={event.data}
                onCancelled={(e) => {
                  event.set(e);
                  onChanged();
                }}
              />
            ) : event.error ? null : (
              <Spinner label="Loading the event…" />
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => void event.reload()}>Refresh</Button>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
