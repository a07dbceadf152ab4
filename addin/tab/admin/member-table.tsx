// The virtualized member table: only the rows on screen exist in the DOM, and only their blocks
// are fetched, so it stays smooth at 50,000 members. ARIA table semantics carry the true row count.
import {
  Button,
  Caption1,
  makeStyles,
  mergeClasses,
  Skeleton,
  SkeletonItem,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useReducer, useRef } from 'react';
import type { Member } from '../../api/org.js';
import { formatRelative } from '../../ui/format.js';
import { StatusBadge } from '../../ui/status-badge.js';
import type { MemberPages } from './member-pages.js';

export const ROW_HEIGHT = 76;
const COLUMNS = 'minmax(12rem, 1.3fr) 10rem minmax(16rem, 2.5fr) 8rem 7.5rem';

const useStyles = makeStyles({
  table: {
    display: 'block',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: '52rem',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `0 ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
  header: {
    height: '2.5rem',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  scroller: { overflowY: 'auto', height: 'max(24rem, calc(100vh - 19rem))' },
  sticky: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  body: { position: 'relative', width: '100%' },
  bodyRow: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: `${ROW_HEIGHT}px`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  cell: {
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: '2px',
  },
  clamp: {
    overflow: 'hidden',
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
  },
  // maxWidth: a nowrap line is a flex item's min width, so without it it spills into the next column.
  ellipsis: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '100%',
  },
  fix: { color: tokens.colorNeutralForeground2 },
  scrollOuter: { overflowX: 'auto' },
  placeholder: { gridColumn: '1 / -1' },
  name: { justifyContent: 'flex-start', padding: 0, minWidth: 0, maxWidth: '100%' },
});

export interface MemberTableProps {
  pages: MemberPages;
  rechecking: string | null;
  onRecheck: (member: Member) => void;
  onDetails: (member: Member) => void;
}

function ReasonCell({ member }: { member: Member }) {
  const styles = useStyles();
  const fix =
    member.fix ??
    (member.reason === 'throttled' && member.retryAt
      ? `Quorum tries again ${formatRelative(member.retryAt)}.`
      : null);
  return (
    <div
      role="cell"
      className={styles.cell}
      title={[member.summary, fix].filter(Boolean).join('\n')}
    >
      <Text className={styles.clamp} size={200}>
        {member.summary}
      </Text>
      {fix ? (
        <Caption1 className={mergeClasses(styles.ellipsis, styles.fix)}>Fix: {fix}</Caption1>
      ) : null}
    </div>
  );
}

// Memoized: while scrolling, rows already on screen keep their member and skip rendering.
const MemberRow = memo(function MemberRow({
  member,
  ...props
}: Omit<MemberTableProps, 'pages'> & { member: Member }) {
  const styles = useStyles();
  return (
    <>
      <div role="cell" className={styles.cell}>
        <Button
          appearance="transparent"
          size="small"
          onClick={() => props.onDetails(member)}
          className={styles.name}
        >
          <Text weight="semibold" className={styles.ellipsis}>
            {member.displayName}
          </Text>
        </Button>
        <Caption1 className={styles.ellipsis}>{member.email}</Caption1>
      </div>
      <div role="cell" className={styles.cell}>
        <StatusBadge status={member.status} />
      </div>
      <ReasonCell member={member} />
      <div role="cell" className={styles.cell}>
        <Text size={200}>{formatRelative(member.checkedAt)}</Text>
      </div>
      <div role="cell" className={styles.cell}>
        <Button
          size="small"
          icon={<ArrowClockwiseRegular />}
          disabled={props.rechecking === member.id}
          onClick={() => props.onRecheck(member)}
          aria-label={`Re-check ${member.displayName}`}
        >
          Re-check
        </Button>
      </div>
    </>
  );
});

function PlaceholderRow() {
  return (
    <div role="cell" className={useStyles().placeholder} aria-busy="true">
      <Skeleton aria-label="Loading member">
        <SkeletonItem size={16} />
      </Skeleton>
    </div>
  );
}

export function MemberTable({ pages, ...props }: MemberTableProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const { subscribe } = pages;
  useEffect(() => subscribe(redraw), [subscribe]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Let React batch scroll updates instead of rendering synchronously inside each scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (count > 0) pages.ensure(first, last);
  }, [pages, first, last, count]);

  // The table is its own scroller, so rows and row groups are its direct descendants (ARIA needs
  // that); the header row group sticks to the top while the body scrolls.
  return (
    <div className={styles.scrollOuter}>
      <div
        ref={scroller}
        role="table"
        aria-label="Members"
        aria-rowcount={count + 1}
        className={mergeClasses(styles.table, styles.scroller)}
        tabIndex={0}
      >
        <div role="rowgroup" className={styles.sticky}>
          <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.header)}>
            <span role="columnheader">Member</span>
            <span role="columnheader">Status</span>
            <span role="columnheader">Reason and fix</span>
            <span role="columnheader">Last checked</span>
            <span role="columnheader">Actions</span>
          </div>
        </div>
        <div
          role="rowgroup"
          className={styles.body}
          style={{ height: `${virtualizer.getTotalSize()}px` }}
        >
          {items.map((item) => {
            const member = pages.row(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={mergeClasses(styles.row, styles.bodyRow)}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {member ? <MemberRow member={member} {...props} /> : <PlaceholderRow />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
