// The tab after sign-in: who the caller is decides the sections (admins also get their own calendar
// and scheduling). The section lives in the URL hash, so a deep link opens it.
import { makeStyles, Spinner, Tab, TabList, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { getMe, type Me } from '../api/me.js';
import type { MemberFilter } from '../api/org.js';
import { ErrorBar } from '../ui/error-bar.js';
import { NotifyProvider } from '../ui/notify.js';
import { useSession } from '../ui/session.js';
import { useResource } from '../ui/use-resource.js';
import { AuditView } from './admin/audit-view.js';
import { ConnectionsView } from './admin/connections-view.js';
import { MembersView } from './admin/members-view.js';
import { OrgEventsView } from './admin/org-events-view.js';
import { Overview } from './admin/overview.js';
import { SettingsView } from './admin/settings-view.js';
import { MeetingsView } from './member/meetings-view.js';
import { MyCalendarView } from './member/my-calendar-view.js';
import { ScheduleView } from './member/schedule-view.js';
import { TabHeader } from './tab-header.js';

const useStyles = makeStyles({
  nav: {
    backgroundColor: tokens.colorNeutralBackground1,
    paddingLeft: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: { padding: tokens.spacingHorizontalL, maxWidth: '90rem', margin: '0 auto' },
  loading: { padding: tokens.spacingHorizontalXXL },
});

type SectionId =
  | 'overview'
  | 'members'
  | 'connections'
  | 'settings'
  | 'audit'
  | 'events'
  | 'calendar'
  | 'schedule'
  | 'meetings';

const ADMIN_SECTIONS: { id: SectionId; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'members', label: 'Members' },
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Settings' },
  { id: 'audit', label: 'Audit log' },
  { id: 'events', label: 'Org events' },
];

const MEMBER_SECTIONS: { id: SectionId; label: string }[] = [
  { id: 'calendar', label: 'My calendar' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'meetings', label: 'My meetings' },
];

/** Admins see the org first and their own calendar after; a caller without an org only theirs. */
function sectionsFor(me: Me) {
  if (!me.org) return MEMBER_SECTIONS.slice(0, 1);
  const admin = me.user.role === 'owner' || me.user.role === 'admin';
  return admin ? [...ADMIN_SECTIONS, ...MEMBER_SECTIONS] : MEMBER_SECTIONS;
}

function sectionFromHash(available: { id: SectionId }[]): SectionId | undefined {
  const id = window.location.hash.slice(1).split('?')[0];
  return available.find((s) => s.id === id)?.id;
}

interface SectionsProps {
  me: Me;
  onMeChanged: (me: Me) => void;
}

function Sections({ me, onMeChanged }: SectionsProps) {
  const styles = useStyles();
  const available = useMemo(() => sectionsFor(me), [me]);
  const [section, setSection] = useState<SectionId>(
    sectionFromHash(available) ?? available[0]?.id ?? 'overview',
  );
  const [memberFilter, setMemberFilter] = useState<MemberFilter>({});
  useEffect(() => {
    const onHash = () => {
      const next = sectionFromHash(available);
      if (next) setSection(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [available]);
  const open = (id: SectionId) => {
    setSection(id);
    window.history.replaceState(null, '', `#${id}`);
  };
  return (
    <>
      <nav className={styles.nav} aria-label="Quorum sections">
        <TabList selectedValue={section} onTabSelect={(_, data) => open(data.value as SectionId)}>
          {available.map((s) => (
            <Tab key={s.id} value={s.id}>
              {s.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <main className={styles.main}>
        {section === 'overview' ? (
          <Overview
            onOpenMembers={(filter) => {
              setMemberFilter(filter);
              open('members');
            }}
            onOpenConnections={() => open('connections')}
          />
        ) : null}
        {section === 'connections' ? <ConnectionsView /> : null}
        {section === 'settings' ? <SettingsView myRole={me.user.role} /> : null}
        {section === 'audit' ? <AuditView /> : null}
        {section === 'events' ? <OrgEventsView me={me} /> : null}
        {section === 'calendar' ? <MyCalendarView onMeChanged={onMeChanged} /> : null}
        {section === 'schedule' ? <ScheduleView me={me} /> : null}
        {section === 'meetings' ? <MeetingsView /> : null}
        {section === 'members' ? (
          <MembersView key={JSON.stringify(memberFilter)} initialFilter={memberFilter} />
        ) : null}
      </main>
    </>
  );
}

export function TabApp() {
  const styles = useStyles();
  const { api } = useSession();
  const me = useResource(() => getMe(api), [api]);
  if (!me.data) {
    return (
      <div className={styles.loading}>
        {me.error ? (
          <ErrorBar error={me.error} title="Quorum could not load your account" />
        ) : (
          <Spinner label="Loading Quorum…" />
        )}
      </div>
    );
  }
  return (
    <NotifyProvider>
      <TabHeader me={me.data} />
      <Sections me={me.data} onMeChanged={me.set} />
    </NotifyProvider>
  );
}
