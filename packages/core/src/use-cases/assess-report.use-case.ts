import { assessContent, sourceKeysOf } from '@mottak/assessment';
import { type Assessment, isDomainError, type Report } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import { SYSTEM_ACTOR } from '../principal';
import { extractReportAttachments } from './extract-attachments.use-case';

const EVERYTHING = { kind: 'all' } as const;

/**
 * Runs the first assessment of a received report and stores it, moving the report to `vurdert`.
 * Idempotent: a report already past `mottatt` is left as it is, so a redelivered job changes nothing.
 * Returns the report as stored afterwards, or undefined if it does not exist.
 */
export async function assessReport(deps: CoreDeps, reportId: string): Promise<Report | undefined> {
  const report = await deps.store.get(reportId, EVERYTHING);
  if (!report || report.status !== 'mottatt') return report;

  const ruleSet = deps.ruleSet();
  // Attachment text first (stored content, extracted here in the worker, never in the request).
  const extraction = await extractReportAttachments(deps, report);
  const result = assessContent({ title: report.title, body: report.body, channel: report.channel, attachments: extraction.texts }, ruleSet);
  // Duplicates are found among all earlier reports; who may see them is decided when they are shown.
  const duplicateOf = await deps.store.findIdsByContentHash(result.contentHash, report.id, EVERYTHING);
  const now = deps.clock.now().toISOString();
  const assessment: Assessment = {
    assessedAt: now,
    ruleSetVersion: result.ruleSetVersion,
    contentHash: result.contentHash,
    entities: result.entities,
    duplicateOf,
    priority: result.priority,
    category: result.category,
    firedRules: result.firedRules,
    // Look-alikes that failed validation are shown to the coordinator, never used as identifiers.
    possibleIdentifiers: result.possibleIdentifiers,
    language: result.language,
    simhash: result.simhash,
    // Who stands behind the report, as pseudonymous keys: its source's history is found by them.
    sourceKeys: sourceKeysOf(report),
  };
  try {
    const assessed = await deps.store.applyChange({
    reportId: report.id,
    expectedVersion: report.version,
    set: { status: 'vurdert', assessment, ...(extraction.attachments ? { attachments: extraction.attachments } : {}) },
    journal: {
      at: now,
      actor: SYSTEM_ACTOR,
      action: 'report.assessed',
      details: {
        ruleSetVersion: result.ruleSetVersion,
        priority: result.priority,
        category: result.category,
        firedRules: result.firedRules.map((r) => r.ruleId),
        entities: result.entities.length,
        duplicates: duplicateOf.length,
      },
    },
    });
    // Published only by the worker whose assessment landed: a redelivered job does not alert twice.
    if (assessed.assessment?.priority === 'P1') deps.events.publish({ type: 'alert', kind: 'p1', reportId: assessed.id, at: now });
    return assessed;
  } catch (error) {
    // Another worker assessed it first (at-least-once delivery): theirs stands.
    if (isDomainError(error) && error.code === 'VERSION_CONFLICT') return deps.store.get(reportId, EVERYTHING);
    throw error;
  }
}
