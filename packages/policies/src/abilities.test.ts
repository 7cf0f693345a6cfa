import fc from 'fast-check';
import { GRADERINGER, REPORT_STATUSES, ROLES, type User } from '@mottak/domain';
import { asReportSubject, defineAbilityFor } from './abilities';
import { matchesAccessCondition, reportAccessCondition } from './access-condition';

const COMPARTMENTS = ['kontraetterretning', 'terror', 'cyber'];

const userArbitrary = fc.record({
  id: fc.constant('u1'),
  username: fc.constant('testbruker'),
  displayName: fc.constant('Test'),
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 0, maxLength: 3 }),
  klarering: fc.constantFrom(...GRADERINGER),
  unit: fc.constant('FRS'),
  compartments: fc.uniqueArray(fc.constantFrom(...COMPARTMENTS)),
  disabled: fc.boolean(),
}) as fc.Arbitrary<User>;

const reportFieldsArbitrary = fc.record({
  gradering: fc.constantFrom(...GRADERINGER),
  compartments: fc.uniqueArray(fc.constantFrom(...COMPARTMENTS)),
  status: fc.constantFrom(...REPORT_STATUSES),
});

describe('report access', () => {
  it('the compiled AccessCondition agrees with CASL for every user and report', () => {
    fc.assert(
      fc.property(userArbitrary, reportFieldsArbitrary, fc.constantFrom('read', 'register') as fc.Arbitrary<'read' | 'register'>, (user, fields, action) => {
        const ability = defineAbilityFor(user);
        expect(matchesAccessCondition(reportAccessCondition(ability, action), fields)).toBe(ability.can(action, asReportSubject(fields)));
      }),
      { numRuns: 2000 },
    );
  });

  it('needs klarering ≥ gradering and membership of every compartment', () => {
    const user: User = { id: 'k', username: 'kari', displayName: 'Kari', roles: ['koordinator'], klarering: 'KONFIDENSIELT', unit: 'FRS', compartments: ['terror'], disabled: false };
    const ability = defineAbilityFor(user);
    const can = (gradering: (typeof GRADERINGER)[number], compartments: string[]) => ability.can('read', asReportSubject({ gradering, compartments, status: 'registrert' }));
    expect(can('KONFIDENSIELT', [])).toBe(true);
    expect(can('HEMMELIG', [])).toBe(false);
    expect(can('BEGRENSET', ['terror'])).toBe(true);
    expect(can('BEGRENSET', ['terror', 'cyber'])).toBe(false);
  });

  it('search users see only registered reports; auditors and admins see no report content', () => {
    const base = { id: 'x', username: 'x', displayName: 'X', klarering: 'HEMMELIG' as const, unit: 'A', compartments: [], disabled: false };
    const report = { gradering: 'UGRADERT' as const, compartments: [], status: 'vurdert' as const };
    expect(defineAbilityFor({ ...base, roles: ['sokebruker'] }).can('read', asReportSubject(report))).toBe(false);
    expect(defineAbilityFor({ ...base, roles: ['sokebruker'] }).can('read', asReportSubject({ ...report, status: 'registrert' }))).toBe(true);
    expect(reportAccessCondition(defineAbilityFor({ ...base, roles: ['revisor'] }))).toEqual({ kind: 'none' });
    expect(reportAccessCondition(defineAbilityFor({ ...base, roles: ['admin'] }))).toEqual({ kind: 'none' });
    expect(reportAccessCondition(defineAbilityFor({ ...base, roles: ['koordinator'], disabled: true }))).toEqual({ kind: 'none' });
  });
});
