import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type JobCounts, JOB_STATES } from '../api/types';
import { JOB_STATE_LABELS } from '../common/labels';

/** Job counts per state as a bar chart; the numbers are also in the cards beside it (for screen readers). */
export function JobChart({ counts }: { counts: JobCounts }) {
  const data = JOB_STATES.map((state) => ({ state: JOB_STATE_LABELS[state], antall: counts[state] ?? 0 }));
  return (
    <div className="chart" role="img" aria-label={`Jobber per tilstand: ${data.map((d) => `${d.state} ${d.antall}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="state" tick={{ fill: '#49515e' }} />
          <YAxis allowDecimals={false} tick={{ fill: '#49515e' }} />
          <Tooltip />
          <Bar dataKey="antall" name="Antall" fill="#0067c5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
