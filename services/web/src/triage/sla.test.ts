import { slaFor, type SlaTable } from './sla';

const table: SlaTable = {
  targets: {
    P1: { assessWithinMinutes: 15, registerWithinMinutes: 60 },
    P2: { assessWithinMinutes: 240, registerWithinMinutes: 240 },
    P3: { assessWithinMinutes: 1_440, registerWithinMinutes: 1_440 },
    P4: { assessWithinMinutes: 4_320, registerWithinMinutes: 4_320 },
  },
  unassessedPriority: 'P1',
  nearFraction: 0.25,
};

describe('time left in the queue', () => {
  const received = '2026-03-01T10:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts an unassessed report against the P1 assessment deadline', () => {
    expect(slaFor(table, received, undefined, at('2026-03-01T10:05:00Z'))).toMatchObject({ stage: 'assess', state: 'ok', text: '10 min igjen' });
    expect(slaFor(table, received, undefined, at('2026-03-01T10:12:00Z')).state).toBe('near');
  });

  it('counts an assessed report against its priority’s registration deadline, near and over', () => {
    expect(slaFor(table, received, 'P2', at('2026-03-01T10:30:00Z'))).toMatchObject({ stage: 'register', state: 'ok', text: '3 t 30 min igjen' });
    expect(slaFor(table, received, 'P1', at('2026-03-01T10:50:00Z'))).toMatchObject({ state: 'near', text: '10 min igjen' });
    expect(slaFor(table, received, 'P1', at('2026-03-01T12:05:00Z'))).toMatchObject({ state: 'over', text: '1 t 5 min over fristen' });
    expect(slaFor(table, received, 'P4', at('2026-03-01T10:00:00Z')).text).toBe('3 d 0 t igjen');
  });
});
