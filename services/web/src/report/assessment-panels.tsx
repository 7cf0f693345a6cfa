import { BodyShort, Detail, Heading, HStack, Link as AkselLink, Table, VStack } from '@navikt/ds-react';
import { Link } from 'react-router';
import type { Entity, EntityOverlap, FiredRule, OpenedReport } from '../api/types';
import { ENTITY_DEFINITE_LABELS, ENTITY_LABELS } from '../common/labels';
import { PriorityTag } from './report-tags';

/** The identifiers found, normalised and as written. */
export function EntityTable({ entities }: { entities: readonly Entity[] }) {
  if (entities.length === 0) return <BodyShort className="muted">Ingen identifikatorer funnet.</BodyShort>;
  return (
    <Table size="small" aria-label="Identifikatorer">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell scope="col">Type</Table.HeaderCell>
          <Table.HeaderCell scope="col">Verdi</Table.HeaderCell>
          <Table.HeaderCell scope="col">Som skrevet</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {entities.map((entity, index) => (
          <Table.Row key={`${entity.start}-${index}`}>
            <Table.DataCell>{ENTITY_LABELS[entity.type]}</Table.DataCell>
            <Table.DataCell className="mono">
              {/* The pivot: every registered report with this identifier, under the user's own rights. A
                  masked value (no need for personal data) has nothing to pivot on. */}
              {isMaskedValue(entity.value) ? (
                entity.value
              ) : (
                <AkselLink as={Link} to={`/sok?q=${encodeURIComponent(pivotQuery(entity))}`} title={`Søk etter ${entity.value}`}>
                  {entity.value}
                </AkselLink>
              )}
            </Table.DataCell>
            <Table.DataCell>
              {entity.raw}
              {entity.attachment && <span className="muted"> (i vedlegg)</span>}
            </Table.DataCell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** The rules that fired, each with the reason it gives (what matched). */
export function FiredRules({ rules }: { rules: readonly FiredRule[] }) {
  if (rules.length === 0) return <BodyShort className="muted">Ingen regler slo til; standard prioritet og kategori er foreslått.</BodyShort>;
  return (
    <ul className="rule-list" aria-label="Regler som slo til">
      {rules.map((rule) => (
        <li key={rule.ruleId}>
          <HStack gap="space-8" align="center">
            <BodyShort weight="semibold">{rule.description}</BodyShort>
            {rule.priority && <PriorityTag priority={rule.priority} size="xsmall" />}
            {rule.category && <Detail>→ {rule.category}</Detail>}
          </HStack>
          <Detail>{rule.reason}</Detail>
        </li>
      ))}
    </ul>
  );
}

/** What to search for to find other reports with this identifier (a URL as written; the rest normalised). */
function pivotQuery(entity: Entity): string {
  return entity.type === 'url' ? entity.raw : entity.value;
}

const SIMILARITY = new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 0 });

/** «3 tidligere rapporter», «1 tidligere rapport». */
function earlierReports(count: number): string {
  return `${count} tidligere rapport${count === 1 ? '' : 'er'}`;
}

/** «Telefonnummeret +4748123456 finnes i 3 tidligere rapporter (2 registrert: 2026/000123, 2026/000100)», journal numbers linked. */
function OverlapLine({ overlap }: { overlap: EntityOverlap }) {
  const more = overlap.registeredCount > overlap.registered.length;
  return (
    <li>
      {ENTITY_DEFINITE_LABELS[overlap.type]}{' '}
      <AkselLink as={Link} to={`/sok?q=${encodeURIComponent(overlap.value)}`} className="mono" title={`Søk etter ${overlap.value}`}>
        {overlap.value}
      </AkselLink>{' '}
      finnes i {earlierReports(overlap.count)}
      {overlap.registeredCount === 0 ? ' (ingen registrert)' : ` (${overlap.registeredCount} registrert: `}
      {overlap.registered.map((registered, index) => (
        <span key={registered.id}>
          {index > 0 && ', '}
          <AkselLink as={Link} to={`/rapport/${registered.id}`}>
            {registered.journalNumber}
          </AkselLink>
        </span>
      ))}
      {overlap.registeredCount > 0 && `${more ? ' …' : ''})`}
    </li>
  );
}

/**
 * "Sett før": reports with the same content (the assessment's duplicates), near-duplicates (nearly
 * the same text) and identifiers found in earlier reports — all computed by the API under the
 * user's own rights, so nothing here points at a report they may not see. Personal identifiers are
 * left out for users without the need for personal data.
 */
export function SeenBefore({ report }: { report: OpenedReport }) {
  const duplicates = report.assessment?.duplicateOf ?? [];
  // An exact duplicate is also a near-duplicate (similarity 1): listed once, under the same content.
  const near = (report.nearDuplicates ?? []).filter((candidate) => !duplicates.includes(candidate.id));
  const overlaps = report.entityOverlaps ?? [];
  return (
    <VStack gap="space-12" data-testid="sett-for">
      {duplicates.length > 0 ? (
        <div>
          <Heading level="4" size="xsmall">
            Samme innhold er mottatt før
          </Heading>
          <ul className="plain-list">
            {duplicates.map((id) => (
              <li key={id}>
                <AkselLink as={Link} to={`/rapport/${id}`}>
                  Rapport {id.slice(0, 8)}
                </AkselLink>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <BodyShort className="muted">Ingen rapporter med samme innhold.</BodyShort>
      )}
      {near.length > 0 && (
        <div data-testid="naerduplikater">
          <Heading level="4" size="xsmall">
            Mulige nærduplikater
          </Heading>
          <ul className="plain-list">
            {near.map((candidate) => (
              <li key={candidate.id}>
                <AkselLink as={Link} to={`/rapport/${candidate.id}`}>
                  {candidate.journalNumber ?? `Rapport ${candidate.id.slice(0, 8)}`}
                </AkselLink>{' '}
                <Detail as="span">{SIMILARITY.format(candidate.similarity)} lik tekst</Detail>
              </li>
            ))}
          </ul>
        </div>
      )}
      {overlaps.length > 0 && (
        <div data-testid="felles-identifikatorer">
          <Heading level="4" size="xsmall">
            Identifikatorer i tidligere rapporter
          </Heading>
          <ul className="plain-list">
            {overlaps.map((overlap) => (
              <OverlapLine key={`${overlap.type}:${overlap.value}`} overlap={overlap} />
            ))}
          </ul>
        </div>
      )}
      {report.nearDuplicates !== undefined && near.length === 0 && overlaps.length === 0 && (
        <BodyShort className="muted">Ingen lignende tekster eller felles identifikatorer i tidligere rapporter du har tilgang til.</BodyShort>
      )}
    </VStack>
  );
}

/** The API shows a masked personal identifier as «[… skjult]». */
function isMaskedValue(value: string): boolean {
  return value.startsWith('[') && value.endsWith(' skjult]');
}
