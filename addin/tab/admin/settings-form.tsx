// Org settings: the member disconnect policy, the free/busy policy, the alert webhook, the service
// mailbox and who counts as a member. One Save sends only what changed (validated as a whole).
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  createWebhookSigningSecret,
  patchSettings,
  type BusyKind,
  type OrgSettings,
  type Provisioning,
} from '../../api/settings.js';
import { CopyField } from '../../ui/copy-field.js';
import { useAction } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalL },
  group: { display: 'grid', rowGap: tokens.spacingVerticalS },
  row: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-end',
    flexWrap: 'wrap',
  },
  wide: { minWidth: '24rem', flexGrow: 1 },
});

const BUSY_KINDS: { kind: BusyKind; label: string }[] = [
  { kind: 'busy', label: 'Busy' },
  { kind: 'tentative', label: 'Tentative' },
  { kind: 'oof', label: 'Out of office' },
  { kind: 'workingElsewhere', label: 'Working elsewhere' },
];

/** The fields of `next` that differ from `saved` (deep compare is fine: settings are tiny). */
export function settingsChanges(saved: OrgSettings, next: OrgSettings): Partial<OrgSettings> {
  const changes: Partial<OrgSettings> = {};
  for (const key of Object.keys(next) as (keyof OrgSettings)[]) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(next[key])) {
      (changes as Record<string, unknown>)[key] = next[key];
    }
  }
  return changes;
}

export function SettingsForm({
  saved,
  onSaved,
}: {
  saved: OrgSettings;
  onSaved: (s: OrgSettings) => void;
}) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const [draft, setDraft] = useState<OrgSettings>(saved);
  const [signingSecret, setSigningSecret] = useState<string | null>(null);
  const set = (patch: Partial<OrgSettings>) => setDraft((d) => ({ ...d, ...patch }));
  const changes = settingsChanges(saved, draft);
  const dirty = Object.keys(changes).length > 0;
  const blocking = new Set(draft.freeBusyPolicy.blocking);
  const toggleBlocking = (kind: BusyKind, on: boolean) => {
    const next = new Set(blocking);
    if (on) next.add(kind);
    else next.delete(kind);
    set({
      freeBusyPolicy: {
        ...draft.freeBusyPolicy,
        blocking: BUSY_KINDS.map((b) => b.kind).filter((k) => next.has(k)),
      },
    });
  };
  const setProvisioning = (mode: Provisioning['mode'], groupId = '') =>
    set({ provisioning: mode === 'group' ? { mode, groupId } : { mode } });

  const save = async () => {
    const result = await run('save', () => patchSettings(api, changes), 'Settings saved');
    if (result) {
      onSaved(result);
      setDraft(result);
    }
  };

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Section title="Members’ calendars">
        <Switch
          checked={draft.allowMemberDisconnect}
          onChange={(_, d) => set({ allowMemberDisconnect: d.checked })}
          label="Members may disconnect their org-managed calendar"
        />
        <Text size={200}>
          When off, a member&apos;s calendar stays connected while the tenant connection is on.
          Either way members keep their choice of calendars and may connect personal calendars.
        </Text>
        <Field label="Who counts as a member">
          <RadioGroup
            value={draft.provisioning.mode}
            onChange={(_, d) => setProvisioning(d.value as Provisioning['mode'])}
          >
            <Radio value="allPeople" label="Every person in the connected tenants" />
            <Radio value="group" label="Members of one Entra group" />
            <Radio value="none" label="Only people who open Quorum or are invited" />
          </RadioGroup>
        </Field>
        {draft.provisioning.mode === 'group' ? (
          <Field label="Group object id" required>
            <Input
              value={draft.provisioning.groupId}
              onChange={(_, d) => setProvisioning('group', d.value.trim())}
            />
          </Field>
        ) : null}
      </Section>
      <Section title="Free/busy policy">
        <Text>Which kinds of calendar time block a suggestion:</Text>
        <div className={styles.group}>
          {BUSY_KINDS.map(({ kind, label }) => (
            <Checkbox
              key={kind}
              label={label}
              checked={blocking.has(kind)}
              onChange={(_, d) => toggleBlocking(kind, d.checked === true)}
            />
          ))}
        </div>
        <Switch
          checked={draft.freeBusyPolicy.unknownBlocks}
          onChange={(_, d) =>
            set({ freeBusyPolicy: { ...draft.freeBusyPolicy, unknownBlocks: d.checked } })
          }
          label="Treat unknown availability as busy (recommended: suggestions never rely on a calendar Quorum cannot read)"
        />
      </Section>
      <Section title="Alerts and mail">
        <div className={styles.row}>
          <Field
            className={styles.wide}
            label="Alert webhook URL"
            hint="HTTPS. Quorum posts here when a connection breaks or a credential nears expiry."
          >
            <Input
              type="url"
              value={draft.alertWebhookUrl ?? ''}
              onChange={(_, d) => set({ alertWebhookUrl: d.value.trim() || null })}
            />
          </Field>
          <Button
            disabled={busy === 'secret'}
            onClick={() =>
              void run('secret', () => createWebhookSigningSecret(api)).then((r) => {
                if (r) setSigningSecret(r.secret);
              })
            }
          >
            New signing secret
          </Button>
        </div>
        {signingSecret ? (
          <CopyField
            label="Webhook signing secret"
            value={signingSecret}
            hint="Shown only now. Your receiver checks each alert's signature with it."
          />
        ) : null}
        <Field
          label="Service mailbox"
          hint="Org events are sent from this mailbox (in a verified domain of a connected tenant)."
        >
          <Input
            type="email"
            value={draft.serviceMailbox ?? ''}
            onChange={(_, d) => set({ serviceMailbox: d.value.trim() || null })}
          />
        </Field>
      </Section>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={!dirty || busy === 'save'}>
          Save settings
        </Button>
        <Button disabled={!dirty} onClick={() => setDraft(saved)}>
          Discard changes
        </Button>
      </div>
    </form>
  );
}
