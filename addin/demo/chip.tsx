// A removable chip (a person or a place), like Outlook's. A plain list with one remove button per
// chip: Fluent's TagGroup adds focus sentinels that axe reports as focusable hidden elements.
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Dismiss12Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    padding: `2px 2px 2px ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    maxWidth: '100%',
  },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  secondary: { color: tokens.colorNeutralForeground2 },
});

export interface ChipItem {
  readonly key: string;
  readonly label: string;
  readonly media: ReactNode;
  readonly secondary?: string;
  readonly title?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export function ChipList({
  label,
  items,
  onRemove,
}: {
  label: string;
  items: readonly ChipItem[];
  onRemove(key: string): void;
}) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className={styles.chip} title={item.title} {...item.attributes}>
          {item.media}
          <span className={styles.text}>
            <Text size={300}>{item.label}</Text>
            {item.secondary ? (
              <Text size={100} className={styles.secondary}>
                {item.secondary}
              </Text>
            ) : null}
          </span>
          <Button
            appearance="transparent"
            size="small"
            icon={<Dismiss12Regular />}
            aria-label={`Remove ${item.label}`}
            onClick={() => onRemove(item.key)}
          />
        </li>
      ))}
    </ul>
  );
}
