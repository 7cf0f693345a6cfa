import { Detail } from '@navikt/ds-react';
import type { Entity } from '../api/types';
import { highlightEntities } from '../common/highlight';
import { ENTITY_LABELS } from '../common/labels';

/** The report text with the identifiers the assessment found marked (and named for screen readers). */
export function HighlightedBody({ body, entities }: { body: string; entities: readonly Entity[] }) {
  const { segments, highlighted } = highlightEntities(body, entities);
  return (
    <>
      <div className="report-body" data-testid="rapporttekst">
        {segments.map((segment, index) =>
          segment.entity ? (
            <mark key={index} className={`entity entity-${segment.entity.type}`} title={`${ENTITY_LABELS[segment.entity.type]}: ${segment.entity.value}`}>
              {segment.text}
              <span className="sr-only"> ({ENTITY_LABELS[segment.entity.type]})</span>
            </mark>
          ) : (
            <span key={index}>{segment.text}</span>
          ),
        )}
      </div>
      {entities.length > 0 && !highlighted && (
        <Detail className="muted">Identifikatorene kunne ikke markeres i teksten; de står i listen under.</Detail>
      )}
    </>
  );
}
