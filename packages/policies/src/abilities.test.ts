import fc from 'fast-check';
import { GRADERINGER, NEEDS, REPORT_STATUSES, ROLES, type User } from '@mottak/domain';
import { asReportSubject, defineAbilityFor, defineBreakGlassAbilityFor, mustMaskPersonalData } from './abilities';
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
  needs: fc.uniqueArray(fc.constantFrom(...NEEDS)),
  disabled: fc.boolean(),
}) as fc.Arbitrary<User>;

const REPORT_IDS = ['r1', 'r2', 'r3'];

const reportFieldsArbitrary = fc.record({
  id: fc.constantFrom(...REPORT_IDS),
  gradering: fc.constantFrom(...GRADERINGER),
  compartments: fc.uniqueArray(fc.constantFrom(...COMPARTMENTS)),
  status: fc.constantFrom(...REPORT_STATUSES),
});

describe('report access', () => {
  it('the compiled AccessCondition agrees with CASL for every user and report', () => {
    fc.assert(
      fc.property(
        userArbitrary,
        reportFieldsArbitrary,
        fc.constantFrom('read', 'register') as fc.Arbitrary<'read' | 'register'>,
        fc.uniqueArray(fc.constantFrom(...REPORT_IDS)),
        (user, fields, action, grantedReportIds) => {
        const ability = defineAbilityFor(user, { grantedReportIds });
        expect(matchesAccessCondition(reportAccessCondition(ability, action), fields)).toBe(ability.can(action, asReportSubject(fields)));
      },
      ),
      { numRuns: 2000 },
    );
  });

  it('needs klarering ≥ gradering and membership of every compartment', () => {
    const user: User = { id: 'k', username: 'kari', displayName: 'Kari', roles: ['koordinator'], klarering: 'KONFIDENSIELT', unit: 'FRS', compartments: ['terror'], needs: [], disabled: false };
    const ability = defineAbilityFor(user);
    const can = (gradering: (typeof GRADERINGER)[number], compartments: string[]) => ability.can('read', asReportSubject({ id: 'r1', gradering, compartments, status: 'registrert' }));
    expect(can('KONFIDENSIELT', [])).toBe(true);
    expect(can('HEMMELIG', [])).toBe(false);
    expect(can('BEGRENSET', ['terror'])).toBe(true);
    expect(can('BEGRENSET', ['terror', 'cyber'])).toBe(false);
  });

  it('search users see only registered reports; auditors and admins see no report content', () => {
    const base = { id: 'x', username: 'x', displayName: 'X', klarering: 'HEMMELIG' as const, unit: 'A', compartments: [], needs: [], disabled: false };
    const report = { id: 'r1', gradering: 'UGRADERT' as const, compartments: [], status: 'vurdert' as const };
    expect(defineAbilityFor({ ...base, roles: ['sokebruker'] }).can('read', asReportSubject(report))).toBe(false);
    expect(defineAbilityFor({ ...base, roles: ['sokebruker'] }).can('read', asReportSubject({ ...report, status: 'registrert' }))).toBe(true);
    expect(reportAccessCondition(defineAbilityFor({ ...base, roles: ['revisor'] }))).toEqual({ kind: 'none' });
    expect(reportAccessCondition(defineAbilityFor({ ...base, roles: ['admin'] }))).toEqual({ kind: 'none' });
    expect(reportAccessCondition(defineAbilityFor({ ...base, roles: ['koordinator'], disabled: true }))).toEqual({ kind: 'none' });
  });

  it('a grant opens one report beyond compartments and status, never beyond klarering', () => {
    const siri: User = { id: 's', username: 'siri', displayName: 'Siri', roles: ['sokebruker'], klarering: 'BEGRENSET', unit: 'A', compartments: [], needs: [], disabled: false };
    const granted = defineAbilityFor(siri, { grantedReportIds: ['r1'] });
    const report = (id: string, gradering: (typeof GRADERINGER)[number]) => asReportSubject({ id, gradering, compartments: ['terror'], status: 'vurdert' });
    expect(granted.can('read', report('r1', 'BEGRENSET'))).toBe(true);
    expect(granted.can('read', report('r2', 'BEGRENSET'))).toBe(false);
    expect(granted.can('read', report('r1', 'HEMMELIG'))).toBe(false);
    expect(defineAbilityFor(siri).can('read', report('r1', 'BEGRENSET'))).toBe(false);
    // A grant is for reading: it never lets anyone register or assess.
    expect(granted.can('register', report('r1', 'BEGRENSET'))).toBe(false);
  });

  it('search users without the personopplysninger need see personal data masked; coordinators do not', () => {
    const base = { id: 'x', username: 'x', displayName: 'X', klarering: 'HEMMELIG' as const, unit: 'A', compartments: [], disabled: false };
    expect(mustMaskPersonalData(defineAbilityFor({ ...base, roles: ['sokebruker'], needs: [] }))).toBe(true);
    expect(mustMaskPersonalData(defineAbilityFor({ ...base, roles: ['sokebruker'], needs: ['personopplysninger'] }))).toBe(false);
    expect(mustMaskPersonalData(defineAbilityFor({ ...base, roles: ['koordinator'], needs: [] }))).toBe(false);
    // Field rules never change which reports are visible.
    const report = asReportSubject({ id: 'r1', gradering: 'UGRADERT', compartments: [], status: 'registrert' });
    expect(defineAbilityFor({ ...base, roles: ['sokebruker'], needs: [] }).can('read', report)).toBe(true);
  });

  it('break-glass reaches past compartments and status but never past klarering', () => {
    const siri: User = { id: 's', username: 'siri', displayName: 'Siri', roles: ['sokebruker'], klarering: 'BEGRENSET', unit: 'A', compartments: [], needs: [], disabled: false };
    const glass = defineBreakGlassAbilityFor(siri);
    expect(glass.can('read', asReportSubject({ id: 'r1', gradering: 'BEGRENSET', compartments: ['terror'], status: 'mottatt' }))).toBe(true);
    expect(glass.can('read', asReportSubject({ id: 'r1', gradering: 'KONFIDENSIELT', compartments: [], status: 'registrert' }))).toBe(false);
    expect(reportAccessCondition(defineBreakGlassAbilityFor({ ...siri, roles: ['revisor'] }))).toEqual({ kind: 'none' });
  });
});
