import { randomInt } from 'node:crypto';
import {
  DomainError,
  MAX_REVIEW_POPULATION,
  type Report,
  type ReviewItem,
  type ReviewSample,
  type ReviewSampleRequest,
  type ReviewStratification,
  type ReviewVerdictRequest,
  type User,
} from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import { readAccessFor } from '../access/read-access';
import type { CoreDeps } from '../deps';
import type { ReviewSampleSummary, ReviewStore } from '../ports';
import { actorName } from '../principal';
import { csvField } from './quality.use-case';

function requireReviews(deps: CoreDeps): ReviewStore {
  if (!deps.reviews) throw new DomainError('SEARCH_UNAVAILABLE', 'Stikkprøvekontroll er ikke tilgjengelig i denne profilen');
  return deps.reviews;
}

/** Reviewing is part of quality work: fagansvarlige draw samples and record verdicts. */
function requireReviewer(user: User, action: 'read' | 'create') {
  const ability = defineAbilityFor(user);
  if (!ability.can(action, 'Quality')) throw new DomainError('FORBIDDEN', 'Du har ikke tilgang til stikkprøvekontroll');
  return ability;
}

function stratumOf(report: Report, by: ReviewStratification): string {
  const registration = report.registration;
  if (!registration) return '–';
  if (by === 'registeredBy') return registration.registeredBy;
  if (by === 'priority') return registration.priority;
  return registration.category;
}

/** A uniformly random subset of `n` items (partial Fisher–Yates with a cryptographic generator: samples must not be predictable). */
function randomSubset<T>(items: readonly T[], n: number): T[] {
  const pool = [...items];
  for (let i = 0; i < n; i += 1) {
    const j = i + randomInt(pool.length - i);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, n);
}

/**
 * Draws a random sample of the registered reports in [from, to) the supervisor may read,
 * stratified so every category (or coordinator, or priority) is represented: from each stratum
 * `percentage` % rounded up, at least `minPerStratum`, at most all of it. Stored and audited.
 */
export async function drawReviewSample(deps: CoreDeps, user: User, request: ReviewSampleRequest): Promise<ReviewSample> {
  const ability = requireReviewer(user, 'create');
  const store = requireReviews(deps);
  const population = await deps.store.listRegistered(reportAccessCondition(ability, 'read'), { from: request.from, to: request.to, limit: MAX_REVIEW_POPULATION + 1 });
  if (population.length > MAX_REVIEW_POPULATION) {
    throw new DomainError('VALIDATION_FAILED', `Perioden har flere enn ${MAX_REVIEW_POPULATION} registrerte rapporter; del den opp`, { field: 'to' });
  }
  const strata = new Map<string, Report[]>();
  for (const report of population) {
    const key = stratumOf(report, request.stratifyBy);
    strata.set(key, [...(strata.get(key) ?? []), report]);
  }
  const items: ReviewItem[] = [];
  const summary = [...strata.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'nb'))
    .map(([stratum, reports]) => {
      const wanted = Math.min(reports.length, Math.max(request.minPerStratum, Math.ceil((reports.length * request.percentage) / 100)));
      const drawn = randomSubset(reports, wanted).sort((a, b) => (a.registration?.journalNumber ?? '').localeCompare(b.registration?.journalNumber ?? ''));
      for (const report of drawn) {
        items.push({ reportId: report.id, journalNumber: report.registration?.journalNumber ?? '', stratum, registeredBy: report.registration?.registeredBy ?? '' });
      }
      return { stratum, population: reports.length, drawn: drawn.length };
    });
  const sample: ReviewSample = {
    id: deps.ids.newId(),
    drawnAt: deps.clock.now().toISOString(),
    drawnBy: user.username,
    from: request.from,
    to: request.to,
    percentage: request.percentage,
    stratifyBy: request.stratifyBy,
    minPerStratum: request.minPerStratum,
    population: population.length,
    strata: summary,
    items,
  };
  await store.create(sample);
  await deps.audit.append({
    at: sample.drawnAt,
    actor: actorName({ kind: 'user', user }),
    action: 'quality.sample.drawn',
    subjectId: sample.id,
    details: { from: sample.from, to: sample.to, percentage: sample.percentage, stratifyBy: sample.stratifyBy, population: sample.population, reportIds: items.map((i) => i.reportId) },
  });
  return sample;
}

export async function listReviewSamples(deps: CoreDeps, user: User, limit: number): Promise<ReviewSampleSummary[]> {
  requireReviewer(user, 'read');
  return requireReviews(deps).list(limit);
}

/**
 * One sample with the items this supervisor may read now: a sample drawn by someone cleared
 * higher never shows the others its reports (each item is checked in the store's own query).
 */
export async function getReviewSample(deps: CoreDeps, user: User, id: string): Promise<ReviewSample> {
  requireReviewer(user, 'read');
  const sample = await requireReviews(deps).get(id);
  if (!sample) throw new DomainError('NOT_FOUND', 'Stikkprøven finnes ikke');
  const { access } = await readAccessFor(deps, user);
  const visible = await Promise.all(sample.items.map(async (item) => ((await deps.store.get(item.reportId, access)) ? item : undefined)));
  const items = visible.filter((item): item is ReviewItem => item !== undefined);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'quality.sample.read',
    subjectId: id,
    details: { reportIds: items.map((i) => i.reportId) },
  });
  return { ...sample, items };
}

/**
 * Records a reviewer's verdict on one sampled report: four eyes, so never by the person who
 * registered it; once only; only on a report the reviewer may read (otherwise the same 404 as a
 * missing one). Audited with the verdict.
 */
export async function recordReviewVerdict(deps: CoreDeps, user: User, sampleId: string, reportId: string, request: ReviewVerdictRequest): Promise<ReviewItem> {
  requireReviewer(user, 'create');
  const store = requireReviews(deps);
  const sample = await store.get(sampleId);
  const item = sample?.items.find((i) => i.reportId === reportId);
  const { access } = await readAccessFor(deps, user);
  if (!sample || !item || !(await deps.store.get(reportId, access))) throw new DomainError('NOT_FOUND', 'Rapporten finnes ikke i stikkprøven');
  if (item.registeredBy === user.username) {
    throw new DomainError('SAME_PERSON', 'Den som registrerte rapporten kan ikke kontrollere den selv (fire øyne)');
  }
  const at = deps.clock.now().toISOString();
  const decided = await store.recordVerdict(sampleId, reportId, { verdict: request.verdict, comment: request.comment, reviewer: user.username, at });
  await deps.audit.append({
    at,
    actor: actorName({ kind: 'user', user }),
    action: 'quality.review.recorded',
    subjectId: reportId,
    details: { sampleId, verdict: request.verdict, ...(request.comment ? { comment: request.comment } : {}) },
  });
  return decided;
}

/** A sample's items as CSV (RFC 4180, CRLF line ends, header row), like the findings export. */
export function reviewSampleToCsv(sample: ReviewSample): string {
  const header = ['journalNumber', 'stratum', 'registeredBy', 'verdict', 'reviewer', 'reviewedAt', 'comment'];
  const lines = sample.items.map((item) =>
    [item.journalNumber, item.stratum, item.registeredBy, item.verdict?.verdict, item.verdict?.reviewer, item.verdict?.at, item.verdict?.comment].map(csvField).join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
