import { HStack, Tag } from '@navikt/ds-react';
import type { Priority, Report } from '../api/types';
import { formatDateTime } from '../common/format';
import { CHANNEL_LABELS, GRADERING_LABELS, PRIORITY_COLORS, PRIORITY_LABELS, STATUS_LABELS } from '../common/labels';

export function PriorityTag({ priority, size = 'small' }: { priority: Priority; size?: 'small' | 'xsmall' | 'medium' }) {
  return (
    <Tag size={size} variant={priority === 'P1' ? 'strong' : 'moderate'} data-color={PRIORITY_COLORS[priority]}>
      {size === 'xsmall' ? priority : PRIORITY_LABELS[priority]}
    </Tag>
  );
}

/** Status, channel, gradering, compartments and when it came in. */
export function ReportTags({ report }: { report: Report }) {
  const priority = report.registration?.priority ?? report.assessment?.priority;
  return (
    <HStack gap="space-8" className="report-tags">
      {priority && <PriorityTag priority={priority} />}
      <Tag size="small" variant="outline" data-color="neutral">
        {STATUS_LABELS[report.status]}
      </Tag>
      <Tag size="small" variant="outline" data-color="neutral">
        {CHANNEL_LABELS[report.channel]}
      </Tag>
      <Tag size="small" variant="moderate" data-color="meta-purple">
        {GRADERING_LABELS[report.gradering]}
      </Tag>
      {report.compartments.map((compartment) => (
        <Tag key={compartment} size="small" variant="moderate" data-color="meta-lime">
          Rom: {compartment}
        </Tag>
      ))}
      <Tag size="small" variant="outline" data-color="neutral">
        Mottatt {formatDateTime(report.receivedAt)}
      </Tag>
    </HStack>
  );
}

/** Who sent it, in words. */
export function sourceLabel(report: Report): string {
  switch (report.source.kind) {
    case 'public':
      return 'Publikum (tipsskjema)';
    case 'partner':
      return `Partner: ${report.source.name}`;
    case 'user':
      return `Bruker: ${report.source.username}`;
    case 'import':
      return `Import: ${report.source.name}`;
  }
}
