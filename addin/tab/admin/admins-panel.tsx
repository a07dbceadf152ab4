// The org's owners and admins. Owners appoint admins from the member list and remove them; the
// server keeps the last owner from being demoted.
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Role } from '../../api/me.js';
import { listMembers, type Member } from '../../api/org.js';
import { listAdmins, setMemberRole } from '../../api/settings.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { useAction } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';

const useStyles = makeStyles({
  list: { display: 'grid', rowGap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  item: {
    listStyleType: 'none',
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
  },
  grow: { flexGrow: 1 },
  search: { display: 'flex', alignItems: 'flex-end', columnGap: tokens.spacingHorizontalS },
});

export function AdminsPanel({ myRole }: { myRole: Role | null }) {
  const styles = useStyles();
  const { api } = useSession();
  const admins = useResource(() => listAdmins(api), [api]);
  const { busy, run } = useAction();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Member[] | null>(null);
  const owner = myRole === 'owner';

  const change = async (id: string, name: string, role: 'admin' | 'member') => {
    const done = await run(
      `role:${id}`,
      () => setMemberRole(api, id, role),
      role === 'admin' ? `${name} is now an admin` : `${name} is no longer an admin`,
    );
    if (done) {
      setFound(null);
      setQuery('');
      await admins.reload();
    }
  };
  const search = async () => {
    const page = await run('search', () => listMembers(api, { q: query.trim() }, 0, 8));
    if (page) setFound(page.items.filter((m) => m.role === 'member'));
  };

  return (
    <Section title="Admins">
      <ErrorBar error={admins.error} />
      {admins.data ? (
        <ul className={styles.list}>
          {admins.data.admins.map((a) => (
            <li key={a.id} className={styles.item}>
              <Text className={styles.grow}>
                {a.displayName} <Text size={200}>({a.email})</Text>
              </Text>
              <Badge appearance="tint" color={a.role === 'owner' ? 'brand' : 'informative'}>
                {a.role}
              </Badge>
              {owner && a.role === 'admin' ? (
                <Button
                  size="small"
                  disabled={busy === `role:${a.id}`}
                  onClick={() => void change(a.id, a.displayName, 'member')}
                >
                  Remove admin
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : admins.error ? null : (
        <Spinner size="tiny" label="Loading admins…" />
      )}
      {owner ? (
        <>
          <form
            className={styles.search}
            onSubmit={(e) => {
              e.preventDefault();
              if (query.trim()) void search();
            }}
          >
            <Field label="Appoint an admin" className={styles.grow}>
              <Input
                placeholder="Search members by name or email"
                value={query}
                onChange={(_, d) => setQuery(d.value)}
              />
            </Field>
            <Button type="submit" disabled={!query.trim() || busy === 'search'}>
              Search
            </Button>
          </form>
          {found ? (
            found.length === 0 ? (
              <Text>No member (who is not already an admin) matches.</Text>
            ) : (
              <ul className={styles.list} aria-label="Matching members">
                {found.map((m) => (
                  <li key={m.id} className={styles.item}>
                    <Text className={styles.grow}>
                      {m.displayName} <Text size={200}>({m.email})</Text>
                    </Text>
                    <Button
                      size="small"
                      disabled={busy === `role:${m.id}`}
                      onClick={() => void change(m.id, m.displayName, 'admin')}
                    >
                      Make admin
                    </Button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      ) : (
        <Text size={200}>Only owners appoint or remove admins.</Text>
      )}
    </Section>
  );
}
