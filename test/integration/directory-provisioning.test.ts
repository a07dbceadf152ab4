// Who becomes a member (org.settings.provisioning): one chosen group's transitive members only;
// and never a mailbox the sweep finds to be a room, even when its account looks like a person's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { byEmail, connectTenant, listAll, syncThroughApi } from '../directory/support.js';

const OWNER = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

let quorum: TestQuorum;

beforeAll(async () => {
  quorum = await startQuorum();
});
afterAll(async () => {
  await quorum.close();
});

describe('provisioning one group', () => {
  it("makes the group's transitive members members, and nobody else from the directory", async () => {
    const contoso = quorum.emulator.world.findTenant('contoso.com')!;
    const pilot = contoso.groups.find((g) => g.displayName === 'Quorum Pilot')!;
    const org = await quorum.services.orgs.create('Contoso', {
      provisioning: { mode: 'group', groupId: pilot.id },
    });
    await connectTenant(quorum, 'contoso.com', { org });
    await quorum.api(OWNER, 'GET', '/api/org/status');
    const job = await syncThroughApi(quorum, OWNER);
    expect(job.state).toBe('succeeded');
    const members = byEmail(await listAll(quorum, OWNER));
    // Direct members and the nested Engineering group; plus the owner who signed in.
    for (const email of [
      'adele.vance@contoso.com',
      'rosa.garcia@contoso.com',
      'allan.deyoung@contoso.com',
      'yusuf.demir@contoso.com',
      'megan.bowen@contoso.com',
    ]) {
      expect(members.get(email)?.reason, email).toBe('connected');
    }
    expect(members.has('irvin.sayers@contoso.com')).toBe(false);
    expect(members.size).toBe(15);
  });

  it('removes provisioned members who left the group, keeps the owner', async () => {
    const contoso = quorum.emulator.world.findTenant('contoso.com')!;
    const pilot = contoso.groups.find((g) => g.displayName === 'Quorum Pilot')!;
    const adele = contoso.users.find((u) => u.userPrincipalName === 'adele.vance@contoso.com')!;
    pilot.members = pilot.members.filter((id) => id !== adele.id);
    await syncThroughApi(quorum, OWNER, { full: true });
    const members = byEmail(await listAll(quorum, OWNER));
    expect(members.has('adele.vance@contoso.com')).toBe(false);
    expect(members.get('megan.bowen@contoso.com')?.role).toBe('owner');
  });
});

describe('mailboxes that are not people', () => {
  it('removes a licensed, enabled room account once its mailbox says room, and never re-adds it', async () => {
    const fabrikamOrg = await quorum.services.orgs.create('Fabrikam');
    await connectTenant(quorum, 'fabrikam.com', { org: fabrikamOrg });
    const admin = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };
    await quorum.api(admin, 'GET', '/api/org/status');
    const created = await control(quorum.emulator, 'POST', '/tenants/fabrikam.com/users', {
      upn: 'room.licensed',
      displayName: 'Licensed Room',
      mailbox: 'room',
      licensed: true,
    });
    expect(created.status).toBe(201);
    const first = await syncThroughApi(quorum, admin);
    const result = first.result as { connections: { sweep: { removedNonPeople: number } }[] };
    expect(result.connections[0]?.sweep.removedNonPeople).toBe(1);
    expect(byEmail(await listAll(quorum, admin)).has('room.licensed@fabrikam.com')).toBe(false);
    await syncThroughApi(quorum, admin, { full: true });
    const members = byEmail(await listAll(quorum, admin));
    expect(members.has('room.licensed@fabrikam.com')).toBe(false);
    expect(members.has('room.hudson@fabrikam.com')).toBe(false);
    expect(members.get('pat.kowalski@fabrikam.com')?.reason).toBe('connected');
  });
});
