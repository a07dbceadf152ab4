// `npx tsx scripts/generate-troubleshooting.ts`: writes docs/troubleshooting.md from the member status
// reasons in server/domain/reasons.ts — the same table the Teams tab shows — and the reasons the
// Outlook add-in gives for unknown attendees (server/scheduling/availability/unknown-reasons.ts), so
// the page cannot drift from the product. test/docs/troubleshooting.test.ts fails when it is stale.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { REASONS, type ReasonInfo } from '../server/domain/reasons.js';
import {
  describeUnknown,
  UNKNOWN_REASONS,
} from '../server/scheduling/availability/unknown-reasons.js';
import type { StatusCategory, StatusReason } from '../server/domain/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TROUBLESHOOTING_PATH = path.join(root, 'docs', 'troubleshooting.md');

const TILES: readonly { category: StatusCategory; title: string; meaning: string }[] = [
  {
    category: 'connected',
    title: 'Connected',
    meaning: "Quorum reads the member's availability; nothing to do.",
  },
  {
    category: 'needs_attention',
    title: 'Needs attention',
    meaning: 'The tenant is connected, but this mailbox is out of reach until someone acts.',
  },
  {
    category: 'not_connected',
    title: 'Not connected',
    meaning: "Quorum cannot reach the member's calendar at all.",
  },
  {
    category: 'checking',
    title: 'Checking',
    meaning: 'Not known yet, or Microsoft is slowing Quorum down; the last known status is kept.',
  },
];

/** Where the admin guide explains the fix in more depth, for the reasons that need more than a line. */
const MORE: Partial<Record<StatusReason, string>> = {
  outside_access_scope:
    'See [Scope Quorum with Exchange RBAC for Applications](admin-guide.md#scope-quorum-with-exchange-rbac-for-applications): the member must be in the management scope of **both** role assignments (calendar and mailbox settings). Check with `Test-ServicePrincipalAuthorization`. Scope changes can take a while to reach Exchange; press **Re-check** afterwards.',
  consent_missing:
    'See [Connect your tenant](admin-guide.md#connect-your-tenant). Consent takes a few minutes to replicate; Quorum keeps retrying its check meanwhile.',
  credential_invalid:
    'Only for connections that bring their own app registration: see [Bring your own app registration](admin-guide.md#bring-your-own-app-registration).',
  credential_expired:
    'Quorum warns 30, 14, 7 and 1 days before a secret or certificate expires (in the tab and by the alert webhook). See [Bring your own app registration](admin-guide.md#bring-your-own-app-registration).',
  not_in_directory:
    'Quorum matches members by mail, user principal name and `smtp:` proxy addresses (case-insensitive, plus-aliases included). An address on a domain of a tenant you have not connected is not found: connect that tenant in **Connections**.',
  guest_account:
    "A guest account has no mailbox in your tenant. If the person's home tenant is part of your organization, connect it; otherwise they can connect a personal calendar from the Quorum tab.",
  no_mailbox:
    'In the Microsoft 365 admin center, **Users → Active users → the user → Licenses and apps**: assign a licence that includes Exchange Online. New mailboxes take a few minutes before Microsoft Graph serves them.',
  throttled:
    'Microsoft Graph answered 429 or 503 past every retry. Quorum keeps the last known status and tries again on the next sweep; a throttled member is never shown as not connected.',
  error:
    'Note the request id shown beside the member: it identifies the failed Microsoft Graph call for Microsoft support.',
};

function reasonSection(code: StatusReason, info: ReasonInfo): string {
  const tile = TILES.find((t) => t.category === info.category)!.title;
  const lines = [
    `### \`${code}\``,
    '',
    `**${info.summary}**`,
    '',
    `- Tile: ${tile}`,
    `- What Quorum saw: ${info.signal}`,
    `- Fix: ${info.fix ?? 'nothing to do.'}`,
  ];
  const more = MORE[code];
  if (more) lines.push('', more);
  return lines.join('\n');
}

/** The whole page, formatted as Prettier formats Markdown in this repository. */
export async function renderTroubleshooting(): Promise<string> {
  const codes = Object.keys(REASONS) as StatusReason[];
  const parts = [
    '# Troubleshooting member status',
    '',
    '<!-- Generated from server/domain/reasons.ts by scripts/generate-troubleshooting.ts; do not edit. -->',
    '',
    "Every member in the Quorum tab has a status and a reason code. This page lists every reason: what it means, the signal from Microsoft Entra ID or Microsoft Graph that leads to it, and how to fix it. After a fix, select the member's **Re-check** button, or wait for the next sweep.",
    '',
    '## The tiles',
    '',
    '| tile | meaning | reasons |',
    '| --- | --- | --- |',
    ...TILES.map(
      (t) =>
        `| ${t.title} | ${t.meaning} | ${codes
          .filter((c) => REASONS[c].category === t.category)
          .map((c) => `[\`${c}\`](#${c})`)
          .join(', ')} |`,
    ),
    '',
    '## Reasons',
    '',
    codes.map((code) => reasonSection(code, REASONS[code])).join('\n\n'),
    '',
    '## In the Outlook add-in',
    '',
    'When Quorum suggests times, an attendee whose calendar cannot be read is **unknown**, never free: the add-in lists them with the sentence below, and they count as busy unless your free/busy policy says otherwise (**Settings** in the Quorum tab). Codes that are also member statuses are explained above.',
    '',
    '| code | what the organizer reads |',
    '| --- | --- |',
    ...UNKNOWN_REASONS.map((code) => {
      const link = code in REASONS ? `[\`${code}\`](#${code})` : `\`${code}\``;
      return `| ${link} | ${describeUnknown(code).replace(/\|/g, '\\|')} |`;
    }),
    '',
  ];
  const options = await resolveConfig(TROUBLESHOOTING_PATH);
  return format(parts.join('\n'), { ...options, filepath: TROUBLESHOOTING_PATH });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(TROUBLESHOOTING_PATH, await renderTroubleshooting());
  console.log(`wrote ${path.relative(root, TROUBLESHOOTING_PATH)}`);
}
