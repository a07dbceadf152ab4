// The four tiles (connected / needs attention / not connected / checking); each opens the member
// table filtered to its members.
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { OrgStatus } from '../../api/org.js';
import { STATUS_CATEGORIES, type StatusCategory } from '../../api/status-types.js';
import { formatCount } from '../../ui/format.js';
import { CATEGORY_LABELS } from '../../ui/labels.js';
import { StatusBadge } from '../../ui/status-badge.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(11rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    height: 'auto',
    minHeight: '6.5rem',
    justifyContent: 'space-between',
  },
  count: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800 },
});

export function StatusTiles({
  status,
  onOpen,
}: {
  status: OrgStatus;
  onOpen: (category: StatusCategory) => void;
}) {
  const styles = useStyles();
  return (
    <div className={styles.grid}>
      {STATUS_CATEGORIES.map((category) => {
        const count = status.members.byCategory[category] ?? 0;
        return (
          <Button
            key={category}
            className={styles.tile}
            appearance="outline"
            title={`Show the ${CATEGORY_LABELS[category].toLowerCase()} members`}
            onClick={() => onOpen(category)}
          >
            <StatusBadge status={category} />
            <span>
              <Text className={styles.count} weight="semibold">
                {formatCount(count)}
              </Text>{' '}
              <Text>{count === 1 ? 'member' : 'members'}</Text>
            </span>
          </Button>
        );
      })}
    </div>
  );
}
