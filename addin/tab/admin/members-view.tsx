// Members: filter by status and reason, search, the virtualized table, re-check, CSV export.
import { Button, Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowSyncRegular, SearchRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  createMemberExport,
  recheckMember,
  type Member,
  type MemberFilter,
} from '../../api/org.js';
import {
  STATUS_CATEGORIES,
  STATUS_REASONS,
  type StatusCategory,
  type StatusReason,
} from '../../api/status-types.js';
import { downloadFromLink } from '../../ui/download.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { formatCount } from '../../ui/format.js';
import { CATEGORY_LABELS, REASON_LABELS } from '../../ui/labels.js';
import { useAction, useNotify } from '../../ui/notify.js';
import { useSession } from '../../ui/session.js';
import { MemberDetails } from './member-details.js';
import { useMemberPages } from './member-pages.js';
import { MemberTable } from './member-table.js';

const useStyles = makeStyles({
  page: { display: 'grid', rowGap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  search: { minWidth: '16rem', flexGrow: 1 },
  count: { marginLeft: 'auto' },
});

/** Waits until typing pauses before searching 50,000 rows. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function MembersView({ initialFilter }: { initialFilter: MemberFilter }) {
  const styles = useStyles();
  const { api } = useSession();
  const notify = useNotify();
  const { busy, run } = useAction();
  const [status, setStatus] = useState<StatusCategory | undefined>(initialFilter.status);
  const [reason, setReason] = useState<StatusReason | undefined>(initialFilter.reason);
  const [search, setSearch] = useState(initialFilter.q ?? '');
  const q = useDebounced(search.trim(), 300);
  const filter: MemberFilter = { status, reason, q: q || undefined };
  const pages = useMemberPages(api, filter);
  const [details, setDetails] = useState<Member | null>(null);

  const recheck = async (member: Member) => {
    const updated = await run(`recheck:${member.id}`, () => recheckMember(api, member.id));
    if (!updated) return;
    pages.replace(updated);
    setDetails((d) => (d?.id === updated.id ? updated : d));
    notify(
      updated.status === 'connected' ? 'success' : 'info',
      `${updated.displayName}: ${REASON_LABELS[updated.reason]}`,
      updated.fix ?? undefined,
    );
  };
  const rechecking = busy?.startsWith('recheck:') ? busy.slice('recheck:'.length) : null;
  // A stable handler, so memoized table rows do not re-render on every change of this view.
  const latestRecheck = useRef(recheck);
  useEffect(() => {
    latestRecheck.current = recheck;
  });
  const onRecheck = useCallback((m: Member) => void latestRecheck.current(m), []);

  return (
    <div className={styles.page}>
      <div className={styles.toolbar} role="search">
        <Field label="Search" className={styles.search}>
          <Input
            type="search"
            contentBefore={<SearchRegular />}
            placeholder="Name or email"
            value={search}
            onChange={(_, data) => setSearch(data.value)}
          />
        </Field>
        <Field label="Status">
          <Select
            value={status ?? ''}
            onChange={(_, data) => setStatus((data.value || undefined) as StatusCategory)}
          >
            <option value="">All statuses</option>
            {STATUS_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Reason">
          <Select
            value={reason ?? ''}
            onChange={(_, data) => setReason((data.value || undefined) as StatusReason)}
          >
            <option value="">All reasons</option>
            {STATUS_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Button icon={<ArrowSyncRegular />} onClick={() => pages.refresh()}>
          Refresh
        </Button>
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={busy === 'export'}
          onClick={() =>
            void run('export', () => createMemberExport(api, filter)).then((link) => {
              if (link) downloadFromLink(link.url, 'quorum-members.csv');
            })
          }
        >
          Export CSV
        </Button>
      </div>
      <Text className={styles.count} aria-live="polite" role="status">
        {pages.total === null
          ? 'Loading members…'
          : `${formatCount(pages.total)} ${pages.total === 1 ? 'member' : 'members'}`}
      </Text>
      <ErrorBar error={pages.error} title="Members could not be loaded" />
      <MemberTable
        pages={pages}
        rechecking={rechecking}
        onRecheck={onRecheck}
        onDetails={setDetails}
      />
      <MemberDetails
        member={details}
        rechecking={rechecking !== null}
        onRecheck={onRecheck}
        onClose={() => setDetails(null)}
      />
    </div>
  );
}
