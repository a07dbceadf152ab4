// The audit log: admin actions and connection state changes, newest first, a page at a time.
import {
  Button,
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
import { useState } from 'react';
import { getAuditPage, type AuditEntry } from '../../api/settings.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { formatDateTime } from '../../ui/format.js';
import { useAction } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';
import { describeAction, describeDetail, describeRef } from './audit-text.js';

const PAGE = 50;

const useStyles = makeStyles({
  table: { tableLayout: 'fixed' },
  detail: { overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2 },
  when: { whiteSpace: 'nowrap' },
  colWhen: { width: '11rem' },
  colWho: { width: '11rem' },
  colWhat: { width: '12rem' },
  colTarget: { width: '13rem' },
  wrap: { overflowWrap: 'anywhere' },
  more: { justifySelf: 'start' },
});

export function AuditView() {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const first = useResource(() => getAuditPage(api, PAGE), [api]);
  const [older, setOlder] = useState<{ entries: AuditEntry[]; next?: string }>({ entries: [] });
  const next = older.entries.length > 0 ? older.next : first.data?.next;
  const entries = [...(first.data?.entries ?? []), ...older.entries];

  const loadOlder = async () => {
    if (!next) return;
    const page = await run('older', () => getAuditPage(api, PAGE, next));
    if (page) setOlder((o) => ({ entries: [...o.entries, ...page.entries], next: page.next }));
  };

  return (
    <Section title="Audit log">
      <ErrorBar error={first.error} />
      {first.data ? (
        <>
          <Table aria-label="Audit log" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.colWhen}>When</TableHeaderCell>
                <TableHeaderCell className={styles.colWho}>Who</TableHeaderCell>
                <TableHeaderCell className={styles.colWhat}>What</TableHeaderCell>
                <TableHeaderCell className={styles.colTarget}>Target</TableHeaderCell>
                <TableHeaderCell>Details</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e, i) => (
                <TableRow key={`${e.at}-${i}`}>
                  <TableCell className={styles.when}>{formatDateTime(e.at)}</TableCell>
                  <TableCell className={styles.wrap} title={e.actor}>
                    {e.actorName ?? describeRef(e.actor)}
                  </TableCell>
                  <TableCell>{describeAction(e.action)}</TableCell>
                  <TableCell className={styles.wrap} title={e.target}>
                    {describeRef(e.target)}
                  </TableCell>
                  <TableCell className={styles.detail}>{describeDetail(e.detail)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {entries.length === 0 ? <Text>Nothing has happened yet.</Text> : null}
          {next ? (
            <Button
              className={styles.more}
              disabled={busy === 'older'}
              onClick={() => void loadOlder()}
            >
              Show older entries
            </Button>
          ) : null}
        </>
      ) : first.error ? null : (
        <Spinner label="Loading the audit log…" />
      )}
    </Section>
  );
}
