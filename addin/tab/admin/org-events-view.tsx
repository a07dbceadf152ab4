// Org events (DESIGN J5): send one, and watch each one's delivery and RSVPs.
import {
  Button,
  Caption1,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { Me } from '../../api/me.js';
import { listOrgEvents, type OrgEventSummary } from '../../api/org-events.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { formatCount, formatRelative } from '../../ui/format.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { usePolling } from '../../ui/use-polling.js';
import { useResource } from '../../ui/use-resource.js';
import { formatSlot } from '../../ui/zoned-format.js';
import { OrgEventDetails } from './org-event-details.js';
import { OrgEventForm } from './org-event-form.js';
import { RsvpBar } from './rsvp-bar.js';

const useStyles = makeStyles({
  page: { display: 'grid', rowGap: tokens.spacingVerticalL },
  list: { display: 'grid', rowGap: tokens.spacingVerticalM },
  card: { padding: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1 },
});

const AUDIENCE = { everyone: 'everyone', group: 'a group', list: 'a list' } as const;
const DELIVERY = {
  queued: 'queued',
  sending: 'sending',
  done: 'sent',
  partial: 'partly refused',
  failed: 'refused',
} as const;

function EventCard({ event, onOpen }: { event: OrgEventSummary; onOpen: () => void }) {
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <div className={styles.head}>
        <Text weight="semibold" className={styles.grow}>
          {event.subject}
          {event.state === 'cancelled' ? ' (cancelled)' : ''}
        </Text>
        <Button size="small" onClick={onOpen}>
          Details
        </Button>
      </div>
      <Text>{formatSlot(event.start, event.end, event.timeZone)}</Text>
      <Caption1>
        To {AUDIENCE[event.audience.kind]}: {formatCount(event.recipients)} people ·{' '}
        {DELIVERY[event.delivery.state]}
        {event.delivery.expectedCompletionAt
          ? `, done ${formatRelative(event.delivery.expectedCompletionAt)}`
          : ''}
        {event.teams ? ' · Teams meeting' : ''}
      </Caption1>
      <RsvpBar rsvp={event.rsvp} />
    </Card>
  );
}

export function OrgEventsView({ me }: { me: Me }) {
  const styles = useStyles();
  const { api } = useSession();
  const events = useResource(() => listOrgEvents(api), [api]);
  const [open, setOpen] = useState<string | null>(null);
  const reload = useCallback(() => events.reload(), [events]);
  const sending = events.data?.events.some(
    (e) => e.delivery.state === 'queued' || e.delivery.state === 'sending',
  );
  usePolling(reload, Boolean(sending), 5_000);
  return (
    <div className={styles.page}>
      <Section title="Send an org event">
        <OrgEventForm timeZone={me.calendar?.timeZone ?? null} onCreated={() => void reload()} />
      </Section>
      <Section title="Org events">
        <ErrorBar error={events.error} />
        {events.data ? (
          events.data.events.length === 0 ? (
            <Text>No org events yet.</Text>
          ) : (
            <div className={styles.list}>
              {events.data.events.map((e) => (
                <EventCard key={e.id} event={e} onOpen={() => setOpen(e.id)} />
              ))}
            </div>
          )
        ) : events.error ? null : (
          <Spinner label="Loading org events…" />
        )}
        <MessageBar intent="info">
          <MessageBarBody>
            Events go out from the service mailbox set in Settings, at most 500 invitees per
            invitation and within Exchange&apos;s sending limits.
          </MessageBarBody>
        </MessageBar>
      </Section>
      <OrgEventDetails id={open} onClose={() => setOpen(null)} onChanged={() => void reload()} />
    </div>
  );
}
