import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Entity, Report } from '@mottak/domain';
import { maskPersonalData } from './personal-data-mask';
import { stableStixId, stixTimestamp } from './stix-ids';
import { stricterTlp, type TlpLevel, TLP2_MARKING_IDS, tlp2MarkingDefinition, tlpForGradering } from './stix-markings';

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export interface StixExportOptions {
  /** The producing unit, exported as the `identity` every object is created by. */
  producer: string;
  /** Omit personal identifiers (fødselsnummer, D-nummer, phones, e-mail addresses, the reporter's contact) from indicators and text. */
  maskPersonalData: boolean;
  /** Bundle id; a fresh UUIDv4 when absent. */
  bundleId?: string;
}

/** STIX cyber-observable types of the patterns Mottak emits. */
export type IndicatorObservable = 'ipv4-addr' | 'ipv6-addr' | 'email-addr' | 'domain-name' | 'url';

/** Escapes a string for a STIX pattern literal: backslash and single quote. */
export function stixPatternString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `[type:value = '…']` for one observable. */
export function comparisonPattern(type: IndicatorObservable, value: string): string {
  return `[${type}:value = ${stixPatternString(value)}]`;
}

/** The observables one extracted entity yields (a URL yields its host name as well). */
function observablesOf(entity: Entity, mask: boolean): Array<{ type: IndicatorObservable; value: string }> {
  switch (entity.type) {
    case 'ipv4':
      return [{ type: 'ipv4-addr', value: entity.value }];
    case 'ipv6':
      return [{ type: 'ipv6-addr', value: entity.value }];
    case 'email':
      return mask ? [] : [{ type: 'email-addr', value: entity.value }];
    case 'url': {
      const out: Array<{ type: IndicatorObservable; value: string }> = [{ type: 'url', value: entity.value }];
      try {
        const host = new URL(entity.value).hostname;
        if (host && isIP(host.replace(/^\[|\]$/g, '')) === 0) out.push({ type: 'domain-name', value: host.toLowerCase() });
      } catch {
        // Not a parsable URL: the url indicator alone.
      }
      return out;
    }
    case 'domene':
      return [{ type: 'domain-name', value: entity.value.toLowerCase() }];
    default:
      // Phones, national identity numbers, account and card numbers…: no STIX 2.1 observable, never indicators.
      return [];
  }
}

interface IndicatorDraft {
  id: string;
  pattern: string;
  type: IndicatorObservable;
  value: string;
  created: string;
  modified: string;
  tlp: TlpLevel;
}

/**
 * Builds a STIX 2.1 bundle: the producing unit's `identity`, one `report` per journalpost,
 * `indicator`s for the network identifiers the assessment extracted (shared between reports that
 * mention the same one), and the TLP 2.0 marking definitions used, mapped from gradering.
 */
export function buildStixBundle(reports: Iterable<Report>, options: StixExportOptions): StixBundle {
  const identityId = stableStixId('identity', options.producer);
  const identityCreated = '2020-01-01T00:00:00.000Z';
  const objects: StixObject[] = [];
  const indicators = new Map<string, IndicatorDraft>();
  const usedTlp = new Set<TlpLevel>();
  const reportObjects: StixObject[] = [];

  for (const report of reports) {
    const tlp = tlpForGradering(report.gradering, report.skjerming !== undefined);
    usedTlp.add(tlp);
    const created = stixTimestamp(report.receivedAt);
    const modified = stixTimestamp(report.updatedAt);
    const refs: string[] = [];
    for (const entity of report.assessment?.entities ?? []) {
      for (const observable of observablesOf(entity, options.maskPersonalData)) {
        const pattern = comparisonPattern(observable.type, observable.value);
        let indicator = indicators.get(pattern);
        if (!indicator) {
          indicator = { id: stableStixId('indicator', pattern), pattern, ...observable, created, modified, tlp };
          indicators.set(pattern, indicator);
        } else {
          // Shared by several reports: marked as the strictest of them, dated by the earliest and latest.
          indicator.tlp = stricterTlp(indicator.tlp, tlp);
          if (created < indicator.created) indicator.created = created;
          if (modified > indicator.modified) indicator.modified = modified;
        }
        if (!refs.includes(indicator.id)) refs.push(indicator.id);
      }
    }
    const text = (value: string) => (options.maskPersonalData ? maskPersonalData(value, report) : value);
    const registration = report.registration;
    reportObjects.push({
      type: 'report',
      spec_version: '2.1',
      id: stableStixId('report', report.id),
      created,
      modified: modified < created ? created : modified,
      created_by_ref: identityId,
      name: text(report.title),
      description: text(report.body),
      published: stixTimestamp(registration?.registeredAt ?? report.receivedAt),
      report_types: ['threat-report'],
      labels: [registration?.category ?? report.assessment?.category, registration?.priority ?? report.assessment?.priority]
        .filter((l): l is string => typeof l === 'string')
        .map((l) => l.toLowerCase()),
      // A report must reference at least one object; without indicators it names its producer.
      object_refs: refs.length > 0 ? refs : [identityId],
      object_marking_refs: [TLP2_MARKING_IDS[tlp]],
      external_references: [
        { source_name: 'mottak', external_id: registration?.journalNumber ?? report.id, description: 'Journalnummer i Mottak' },
      ],
    });
  }

  for (const level of ['clear', 'green', 'amber', 'amber+strict', 'red'] as const) {
    if (usedTlp.has(level) || [...indicators.values()].some((i) => i.tlp === level)) objects.push(tlp2MarkingDefinition(level) as StixObject);
  }
  objects.push({
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: identityCreated,
    modified: identityCreated,
    name: options.producer,
    identity_class: 'organization',
  });
  for (const indicator of indicators.values()) {
    objects.push({
      type: 'indicator',
      spec_version: '2.1',
      id: indicator.id,
      created: indicator.created,
      modified: indicator.modified < indicator.created ? indicator.created : indicator.modified,
      created_by_ref: identityId,
      name: `${indicator.type}: ${indicator.value}`,
      indicator_types: ['unknown'],
      pattern: indicator.pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: indicator.created,
      object_marking_refs: [TLP2_MARKING_IDS[indicator.tlp]],
    });
  }
  objects.push(...reportObjects);
  return { type: 'bundle', id: options.bundleId ?? `bundle--${randomUUID()}`, objects };
}
