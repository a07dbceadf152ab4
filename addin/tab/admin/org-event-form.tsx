// Sending an org event: subject, time in a zone, the audience (everyone, a group, a list), and a
// Teams meeting. Exchange's sending limits may queue it; the list shows when it will be done.
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { createOrgEvent, type Audience, type OrgEvent } from '../../api/org-events.js';
import { EmailListInput } from '../../ui/email-list-input.js';
import { useAction } from '../../ui/notify.js';
import { useSession } from '../../ui/session.js';
import { browserTimeZone, dateInputValue } from '../../ui/zoned-format.js';

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalM },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(10rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
});

type AudienceKind = Audience['kind'];

export function OrgEventForm({
  timeZone,
  onCreated,
}: {
  timeZone: string | null;
  onCreated: (e: OrgEvent) => void;
}) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [date, setDate] = useState(() => {
    const d = new Date();
    d.setDate(d.getDate() + 7);
    return dateInputValue(d);
  });
  const [start, setStart] = useState('16:00');
  const [end, setEnd] = useState('17:00');
  const [zone, setZone] = useState(timeZone ?? browserTimeZone());
  const [kind, setKind] = useState<AudienceKind>('everyone');
  const [groupId, setGroupId] = useState('');
  const [emails, setEmails] = useState<string[]>([]);
  const [teams, setTeams] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  const audience = (): Audience | string => {
    if (kind === 'everyone') return { kind };
    if (kind === 'group')
      return groupId.trim() ? { kind, groupId: groupId.trim() } : 'Enter the group id.';
    return emails.length > 0 ? { kind, emails } : 'Add at least one address.';
  };
  const submit = async () => {
    const target = audience();
    if (!subject.trim()) return setProblem('Give the event a subject.');
    if (end <= start) return setProblem('The event must end after it starts.');
    if (typeof target === 'string') return setProblem(target);
    setProblem(null);
    const created = await run(
      'create',
      () =>
        createOrgEvent(api, {
          subject: subject.trim(),
          ...(body.trim() ? { body: body.trim() } : {}),
          start: `${date}T${start}`,
          end: `${date}T${end}`,
          timeZone: zone,
          audience: target,
          teams,
        }),
      'Event accepted; invitations are on their way',
    );
    if (created) {
      onCreated(created);
      setSubject('');
      setBody('');
    }
  };

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Subject" required validationMessage={problem ?? undefined}>
        <Input value={subject} onChange={(_, d) => setSubject(d.value)} />
      </Field>
      <Field label="Message">
        <Textarea value={body} resize="vertical" onChange={(_, d) => setBody(d.value)} />
      </Field>
      <div className={styles.row}>
        <Field label="Date">
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label="Starts">
          <Input type="time" value={start} onChange={(_, d) => setStart(d.value)} />
        </Field>
        <Field label="Ends">
          <Input type="time" value={end} onChange={(_, d) => setEnd(d.value)} />
        </Field>
        <Field label="Time zone">
          <Input value={zone} onChange={(_, d) => setZone(d.value)} />
        </Field>
      </div>
      <Field label="Invite">
        <RadioGroup
          layout="horizontal"
          value={kind}
          onChange={(_, d) => setKind(d.value as AudienceKind)}
        >
          <Radio value="everyone" label="Everyone" />
          <Radio value="group" label="A group" />
          <Radio value="list" label="A list of people" />
        </RadioGroup>
      </Field>
      {kind === 'group' ? (
        <Field label="Group object id" hint="Its members, including nested groups, are invited.">
          <Input value={groupId} onChange={(_, d) => setGroupId(d.value)} />
        </Field>
      ) : null}
      {kind === 'list' ? (
        <EmailListInput label="People" values={emails} onChange={setEmails} />
      ) : null}
      <Checkbox
        label="Add a Teams meeting"
        checked={teams}
        onChange={(_, d) => setTeams(d.checked === true)}
      />
      <div>
        <Button appearance="primary" type="submit" disabled={busy === 'create'}>
          Send event
        </Button>
      </div>
    </form>
  );
}
