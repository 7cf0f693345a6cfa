import { SLA_BY_PRIORITY, slaDeadline, slaState } from './sla';

describe('SLA deadlines', () => {
  const received = '2026-03-01T10:00:00.000Z';

  it('gives an unassessed report the P1 assessment deadline, and an assessed one its priority’s registration deadline', () => {
    expect(slaDeadline(received, undefined)).toEqual({ stage: 'assess', deadline: '2026-03-01T10:15:00.000Z', windowMinutes: 15 });
    expect(slaDeadline(received, 'P1').deadline).toBe('2026-03-01T11:00:00.000Z');
    expect(slaDeadline(received, 'P2').deadline).toBe('2026-03-01T14:00:00.000Z');
    expect(slaDeadline(received, 'P3').deadline).toBe('2026-03-02T10:00:00.000Z');
    expect(slaDeadline(received, 'P4').deadline).toBe('2026-03-04T10:00:00.000Z');
    expect(SLA_BY_PRIORITY.P4.registerWithinMinutes).toBe(72 * 60);
  });

  it('is near in the last quarter of the window and over after the deadline', () => {
    const p1 = slaDeadline(received, 'P1');
    expect(slaState(p1, new Date('2026-03-01T10:44:00.000Z'))).toBe('ok');
    expect(slaState(p1, new Date('2026-03-01T10:45:00.000Z'))).toBe('near');
    expect(slaState(p1, new Date('2026-03-01T11:00:00.000Z'))).toBe('near');
    expect(slaState(p1, new Date('2026-03-01T11:00:00.001Z'))).toBe('over');
  });
});
