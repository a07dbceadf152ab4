// Control API for Teams attendance: grant or revoke a tenant's Teams application access policy for
// an app, and add an attendance report (who joined, for how long) to an event's Teams meeting.
import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context.js';
import { attendanceOf, onlineMeetingIdOf } from './attendance.js';
import { graphState } from './state.js';

const policySchema = z.object({
  appId: z.string().min(1).optional(),
  granted: z.boolean(),
});

const reportSchema = z.object({
  records: z
    .array(
      z.object({
        email: z.string().min(3),
        seconds: z.number().int().min(0),
        role: z.enum(['Organizer', 'Presenter', 'Attendee']).default('Attendee'),
      }),
    )
    .max(10_000),
});

/** Routes of the attendance control API; mounted at `/_emulator` after `express.json()`. */
export function createAttendanceControls(ctx: EmulatorContext): Router {
  const router = Router();
  const fail = (res: Response, status: number, message: string) =>
    res.status(status).json({ error: status === 404 ? 'not_found' : 'bad_request', message });

  router.post('/tenants/:tenant/teams-access-policy', (req, res) => {
    const tenant = ctx.world.findTenant(String(req.params.tenant));
    if (!tenant) return fail(res, 404, `no tenant '${String(req.params.tenant)}'`);
    const parsed = policySchema.safeParse(req.body ?? {});
    if (!parsed.success) return fail(res, 400, 'body: { appId?, granted: boolean }');
    const attendance = attendanceOf(graphState(ctx));
    const key = attendance.policyKey(tenant.id, parsed.data.appId ?? ctx.quorumApp.clientId);
    if (parsed.data.granted) attendance.policies.add(key);
    else attendance.policies.delete(key);
    return res.json({ tenantId: tenant.id, granted: parsed.data.granted });
  });

  router.post('/tenants/:tenant/events/:eventId/attendance', (req, res) => {
    const tenant = ctx.world.findTenant(String(req.params.tenant));
    if (!tenant) return fail(res, 404, `no tenant '${String(req.params.tenant)}'`);
    const state = graphState(ctx);
    const event = state.store.findEventInTenant(tenant.id, String(req.params.eventId));
    const meetingId = event?.isOrganizer ? onlineMeetingIdOf(event) : undefined;
    if (!event || !meetingId) {
      return fail(
        res,
        404,
        `no organizer event with a Teams meeting '${String(req.params.eventId)}'`,
      );
    }
    const parsed = reportSchema.safeParse(req.body ?? {});
    if (!parsed.success) return fail(res, 400, 'body: { records: [{ email, seconds, role? }] }');
    const start = new Date(event.startUtc).toISOString();
    const report = {
      id: randomUUID(),
      meetingStartDateTime: start,
      meetingEndDateTime: new Date(event.endUtc).toISOString(),
      records: parsed.data.records.map((r) => {
        const found = ctx.world.findUserAnywhere(r.email);
        return {
          emailAddress: r.email,
          displayName: found?.user.displayName ?? r.email,
          userId: found?.user.id ?? null,
          role: r.role,
          totalAttendanceInSeconds: r.seconds,
          joinDateTime: start,
          leaveDateTime: new Date(event.startUtc + r.seconds * 1000).toISOString(),
        };
      }),
    };
    const reports = attendanceOf(state).reports;
    reports.set(meetingId, [...(reports.get(meetingId) ?? []), report]);
    return res.status(201).json({ meetingId, reportId: report.id });
  });

  return router;
}
