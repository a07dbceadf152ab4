// The health sweep of one tenant connection's members (DESIGN §3, §5): directory-derived reasons
// first (disabled accounts, guests: no probe needed), then batched probes — 10 members per `$batch`
// of 20, many batches in flight — and one status per member. Connection-level failures mark every
// member at once. Transient failures keep each member's last known status.
import type { GraphClient } from '../microsoft/graph/index.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { Member, TenantConnection } from '../domain/types.js';
import type { Store } from '../store/index.js';
import { connectionFailureOf, type ConnectionFailure } from './connection-reason.js';
import { addExclusions } from './exclusions.js';
import { applyOutcome, directoryReason, type CalendarOutcome } from './member-state.js';
import { inChunks, turnQueue } from './yield.js';
import {
  isNonPerson,
  judgeProbe,
  outcomeOfVerdict,
  probeItems,
  type ProbeVerdict,
} from './probe.js';

export interface SweepDeps {
  graph: GraphClient;
  members: MemberRepository;
  store: Store;
  now: () => Date;
}

export interface SweepOptions {
  /** A failure already known for the connection (from its directory sync): no probes are sent. */
  failure?: ConnectionFailure | undefined;
  /** When a member whose probe was throttled is due again (the next scheduled sweep). */
  retryAt: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Members per `graph.batch` call (each member is two batch items). Default 10: one `$batch`, so
   * each answer is judged as soon as it arrives and its body is dropped young (a call of 200 kept
   * 20 answers alive until the slowest came back, long enough for the GC to promote them).
   */
  chunkSize?: number;
  /** `graph.batch` calls in flight. Default 32. */
  concurrency?: number;
}

export interface SweepResult {
  total: number;
  /** Members whose mailbox was probed (the rest were decided from directory or connection data). */
  probed: number;
  /** Members whose reason changed. */
  changed: number;
  /** Members removed because their mailbox is a room, equipment or shared mailbox. */
  removedNonPeople: number;
  failure?: ConnectionFailure;
}

/** Members per bulk write: under the store's own chunk, so one write is one event-loop turn. */
const WRITE_CHUNK = 250;

function failureOutcome(failure: ConnectionFailure, retryAt: string): CalendarOutcome {
  return failure.reason === 'throttled'
    ? { kind: 'transient', retryAt }
    : { kind: 'reason', reason: failure.reason };
}

/** Sweeps the members linked to `connection`. */
export async function sweepConnection(
  deps: SweepDeps,
  connection: Readonly<TenantConnection>,
  options: SweepOptions,
): Promise<SweepResult> {
  const orgId = connection.orgId;
  const targets = (await deps.members.all(orgId)).filter(
    (m) => m.calendar.tenantConnectionId === connection.id,
  );
  const total = targets.length;
  const outcomes = new Map<string, CalendarOutcome>();
  const result: SweepResult = { total, probed: 0, changed: 0, removedNonPeople: 0 };
  let failure: ConnectionFailure | undefined = options.failure;
  if (!connection.enabled) {
    for (const m of targets) outcomes.set(m.id, { kind: 'reason', reason: 'connection_disabled' });
  } else if (failure) {
    for (const m of targets) outcomes.set(m.id, failureOutcome(failure, options.retryAt));
  }

  // Disabled accounts keep their mailbox: they are probed too, only to learn whether it is a
  // person's (a disabled, licensed room account is not a member). Guests have no mailbox here.
  const toProbe: Member[] = [];
  const disabled = new Set<string>();
  for (const m of targets) {
    if (outcomes.has(m.id)) continue;
    // A calendar its member disconnected is not read (DESIGN J3); its state stays theirs.
    if (m.calendar.disconnected) continue;
    const reason = directoryReason(m.directory);
    if (reason === 'guest_account' || !m.objectId) {
      if (reason) outcomes.set(m.id, { kind: 'reason', reason });
      continue;
    }
    if (reason === 'account_disabled') disabled.add(m.id);
    toProbe.push(m);
  }
  let done = targets.length - toProbe.length;
  options.onProgress?.(done, total);

  const denied = new Map<string, Extract<ProbeVerdict, { kind: 'denied' }>>();
  const nonPeople: Member[] = [];
  const probedIds = new Set<string>();
  let anyAnswered = false;
  /** A person whose mailbox answered in this sweep, to ask again if others are refused later. */
  let answered: Member | undefined;
  const turn = turnQueue();
  const chunkSize = options.chunkSize ?? 10;
  const chunks: Member[][] = [];
  for (let i = 0; i < toProbe.length; i += chunkSize) chunks.push(toProbe.slice(i, i + chunkSize));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length && !failure) {
      const chunk = chunks[next++]!;
      const items = chunk.flatMap((m, i) => probeItems(String(i), m.objectId!));
      let answers: Awaited<ReturnType<GraphClient['batch']>> | undefined;
      try {
        answers = await deps.graph.batch(connection.tenantId, items);
      } catch (error) {
        const known = connectionFailureOf(error);
        if (!known) throw error;
        failure = known;
        return;
      }
      // Judged at once, so the answer bodies die young; members are written as their chunk
      // completes, so the admin's table fills in live, and chunks finishing together take turns.
      const decided = new Map<string, CalendarOutcome>();
      chunk.forEach((m, i) => {
        probedIds.add(m.id);
        const verdict = judgeProbe(answers!.get(`${i}:s`), answers!.get(`${i}:c`));
        if (verdict.kind === 'connected' && isNonPerson(verdict.purpose)) {
          nonPeople.push(m);
          return;
        }
        if (verdict.kind !== 'transient' && verdict.kind !== 'denied') anyAnswered = true;
        if (verdict.kind === 'connected') answered ??= m;
        if (disabled.has(m.id)) decided.set(m.id, { kind: 'reason', reason: 'account_disabled' });
        else if (verdict.kind === 'denied') denied.set(m.id, verdict);
        else decided.set(m.id, outcomeOfVerdict(verdict, options.retryAt, 'error'));
      });
      answers = undefined;
      await turn(() => writeOutcomes(deps, orgId, decided, result));
      result.probed += chunk.length;
      done += chunk.length;
      options.onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 32 }, worker));

  // 403 on both probes of every member, without the scope signal: the app has no permission in
  // the tenant at all (consent missing). Otherwise such a 403 is one mailbox's error — unless
  // consent went during the sweep, which a mailbox that answered earlier tells by refusing now.
  const consentMissing = denied.size > 0 && !anyAnswered && nonPeople.length === 0;
  if (!failure && denied.size > 0 && !consentMissing && answered) {
    failure = await refusedNow(deps, connection, answered);
  }
  for (const [id, verdict] of denied) {
    outcomes.set(
      id,
      outcomeOfVerdict(verdict, options.retryAt, consentMissing ? 'consent_missing' : 'error'),
    );
  }
  if (failure) {
    result.failure = failure;
    // A transient failure leaves what the sweep learned before it; the connection's own failure
    // (expired secret, revoked consent) is every member's, including those probed before it.
    const everyone = failure.reason !== 'throttled';
    for (const m of toProbe) {
      if (everyone || !probedIds.has(m.id)) {
        outcomes.set(m.id, failureOutcome(failure, options.retryAt));
      }
    }
  }

  await removeNonPeople(deps, connection, nonPeople, result);
  await writeOutcomes(deps, orgId, outcomes, result);
  options.onProgress?.(total, total);
  return result;
}

/** `consent_missing` when `member`'s mailbox, which answered earlier in the sweep, is refused now. */
async function refusedNow(
  deps: SweepDeps,
  connection: Readonly<TenantConnection>,
  member: Member,
): Promise<ConnectionFailure | undefined> {
  try {
    const answers = await deps.graph.batch(connection.tenantId, probeItems('0', member.objectId!));
    const verdict = judgeProbe(answers.get('0:s'), answers.get('0:c'));
    if (verdict.kind !== 'denied') return undefined;
    return { reason: 'consent_missing', detail: 'probes refused (403) after others answered' };
  } catch (error) {
    const known = connectionFailureOf(error);
    if (!known) throw error;
    return known;
  }
}

async function removeNonPeople(
  deps: SweepDeps,
  connection: Readonly<TenantConnection>,
  nonPeople: readonly Member[],
  result: SweepResult,
): Promise<void> {
  if (nonPeople.length === 0) return;
  await addExclusions(
    deps.store,
    connection.orgId,
    connection.id,
    nonPeople.map((m) => m.objectId!),
  );
  for (const m of nonPeople) {
    // Invited or signed-in records are the admin's to remove; provisioned ones follow the directory.
    if (m.source === 'directory' && m.role === 'member') {
      await deps.members.delete(connection.orgId, m.id);
      result.removedNonPeople += 1;
    }
  }
}

async function writeOutcomes(
  deps: SweepDeps,
  orgId: string,
  outcomes: ReadonlyMap<string, CalendarOutcome>,
  result: SweepResult,
): Promise<void> {
  const now = deps.now().toISOString();
  await inChunks([...outcomes.keys()], WRITE_CHUNK, (ids) =>
    deps.members.updateMany(orgId, ids, (current) => {
      const outcome = outcomes.get(current.id)!;
      const next = applyOutcome(current, outcome, now);
      if (next.calendar.reason !== current.calendar.reason) result.changed += 1;
      return next;
    }),
  );
}
