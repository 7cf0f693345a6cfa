import { Table } from '@navikt/ds-react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DqGroupScore } from '../api/types';
import { formatCount } from '../common/format';
import { formatScore, weeksBetween } from './quality-labels';

const AXIS_TICK = { fill: '#49515e', fontSize: 13 };

/** Bar colour by score; the number is always written on the bar too, so colour is never the only cue. */
function scoreColor(score: number): string {
  if (score >= 90) return '#06893a';
  if (score >= 70) return '#c77300';
  return '#c30000';
}

export interface ScoreRow {
  name: string;
  score: number;
}

/**
 * Scores 0–100 as horizontal bars (names on the left, room for long rule ids), each with its value.
 * The chart is one image to assistive technology, named by `label` and every number; the same
 * numbers are in the table beside it.
 */
export function ScoreBarChart({ label, rows, testId }: { label: string; rows: ScoreRow[]; testId?: string }) {
  const data = rows.map((row) => ({ name: row.name, poengsum: row.score }));
  const summary = `${label}: ${rows.map((row) => `${row.name} ${formatScore(row.score)}`).join(', ')}`;
  return (
    <div className="chart" role="img" aria-label={summary} data-testid={testId}>
      <ResponsiveContainer width="100%" height={Math.max(120, 36 * rows.length + 48)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 48, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={AXIS_TICK} />
          <YAxis type="category" dataKey="name" width={200} tick={AXIS_TICK} interval={0} />
          <Tooltip formatter={(value) => [formatScore(Number(value)), 'Poengsum']} />
          {/* minPointSize: a score of 0 still gets a stub, and so its label. */}
          <Bar dataKey="poengsum" name="Poengsum" isAnimationActive={false} barSize={20} minPointSize={3}>
            {data.map((row) => (
              <Cell key={row.name} fill={scoreColor(row.poengsum)} />
            ))}
            <LabelList dataKey="poengsum" position="right" fill="#23262a" fontSize={13} formatter={(value: unknown) => formatScore(Number(value))} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Mean score per ISO week as a line, each point labelled with its value. */
export function WeekTrendChart({ weeks }: { weeks: DqGroupScore[] }) {
  // Weeks without registrations have no score: a gap in the line, not a straight line across them.
  const byKey = new Map(weeks.map((week) => [week.key, week]));
  const data = weeksBetween(weeks.map((week) => week.key)).map((key) => ({ uke: key, poengsum: byKey.get(key)?.score ?? null, journalposter: byKey.get(key)?.reports ?? 0 }));
  const summary = `Poengsum per uke: ${weeks.map((week) => `${week.key} ${formatScore(week.score)} (${formatCount(week.reports)} journalposter)`).join(', ')}`;
  return (
    <div className="chart" role="img" aria-label={summary} data-testid="trend-uke">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 24, right: 32, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="uke" tick={AXIS_TICK} padding={{ left: 24, right: 24 }} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tick={AXIS_TICK} />
          <Tooltip formatter={(value, name) => [name === 'Poengsum' ? formatScore(Number(value)) : formatCount(Number(value)), name]} />
          <Line type="monotone" dataKey="poengsum" name="Poengsum" stroke="#0067c5" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false}>
            <LabelList dataKey="poengsum" position="top" fill="#23262a" fontSize={13} formatter={(value: unknown) => (value === null || value === undefined ? '' : formatScore(Number(value)))} />
          </Line>
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A group's numbers (category, coordinator or week) as a table: what the chart shows, readable by anyone. */
export function GroupScoreTable({ caption, keyHeader, groups, testId }: { caption: string; keyHeader: string; groups: DqGroupScore[]; testId?: string }) {
  return (
    <div className="table-scroll">
      <Table size="small" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">{keyHeader}</Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Journalposter
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Poengsum
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Blokkerende funn
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" align="right">
              Advarsler
            </Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {groups.map((group) => (
            <Table.Row key={group.key}>
              <Table.HeaderCell scope="row">{group.key}</Table.HeaderCell>
              <Table.DataCell align="right">{formatCount(group.reports)}</Table.DataCell>
              <Table.DataCell align="right" data-score>
                {formatScore(group.score)}
              </Table.DataCell>
              <Table.DataCell align="right">{formatCount(group.blockingFindings)}</Table.DataCell>
              <Table.DataCell align="right">{formatCount(group.warningFindings)}</Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
