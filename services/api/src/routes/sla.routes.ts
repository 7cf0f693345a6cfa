import { z } from 'zod';
import { PRIORITIES, SLA_BY_PRIORITY, SLA_NEAR_FRACTION, SLA_UNASSESSED_PRIORITY, prioritySchema } from '@mottak/domain';
import { defineRoute, type RouteSpec } from '../route';

const slaTargetSchema = z.object({ assessWithinMinutes: z.number().int(), registerWithinMinutes: z.number().int() });
const slaSchema = z.object({
  targets: z.object(Object.fromEntries(PRIORITIES.map((p) => [p, slaTargetSchema])) as Record<(typeof PRIORITIES)[number], typeof slaTargetSchema>),
  unassessedPriority: prioritySchema.describe('The priority whose assessment deadline applies before a report is assessed'),
  nearFraction: z.number().describe('A deadline is near within this last fraction of its window'),
});

/** The service levels (deadlines per priority), for the triage desk's time-left display. */
export function slaRoutes(): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'get',
      path: '/api/v1/sla',
      operationId: 'getSla',
      summary: 'Tidsfrister per prioritet (vurdering og registrering)',
      tag: 'Rapporter',
      auth: 'user',
      responses: { 200: { description: 'The SLA table', schema: slaSchema } },
      async handler() {
        return { status: 200, body: { targets: SLA_BY_PRIORITY, unassessedPriority: SLA_UNASSESSED_PRIORITY, nearFraction: SLA_NEAR_FRACTION } };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
