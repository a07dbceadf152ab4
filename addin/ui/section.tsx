// A titled block of a screen.
import { makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow2,
  },
  head: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalM },
  title: { flexGrow: 1, margin: 0 },
});

export function Section({
  title,
  actions,
  children,
  labelledBy,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  labelledBy?: string;
}) {
  const styles = useStyles();
  const id = labelledBy ?? `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={styles.section} aria-labelledby={id}>
      <div className={styles.head}>
        <Subtitle2 as="h2" id={id} className={styles.title}>
          {title}
        </Subtitle2>
        {actions}
      </div>
      {children}
    </section>
  );
}
