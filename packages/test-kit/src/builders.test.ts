import { assessmentSchema, newUserSchema, reportSchema } from '@mottak/domain';
import { aRegistrationCommand, aReport, anAssessment, aUser } from './builders';

describe('builders', () => {
  it('build reports the report schema accepts, registered and assessed ones included', () => {
    const report = aReport({ assessment: anAssessment(), skjerming: { hjemmel: 'offl. § 13' } });
    expect(reportSchema.parse(report)).toEqual(report);
    const registration = { ...aRegistrationCommand(report).registration, journalNumber: '2026/000001' };
    expect(() => reportSchema.parse({ ...report, status: 'registrert', registration })).not.toThrow();
    expect(assessmentSchema.parse(anAssessment())).toEqual(anAssessment());
  });

  it('give every report and user its own id, and users valid, distinct usernames', () => {
    expect(aReport().id).not.toBe(aReport().id);
    const [a, b] = [aUser(), aUser()];
    expect(a.id).not.toBe(b.id);
    expect(a.username).not.toBe(b.username);
    const { id: _id, disabled: _disabled, ...fields } = a;
    expect(() => newUserSchema.parse({ ...fields, password: 'et langt passord' })).not.toThrow();
  });

  it('apply overrides', () => {
    expect(aReport({ gradering: 'HEMMELIG', compartments: ['alfa'] })).toMatchObject({ gradering: 'HEMMELIG', compartments: ['alfa'] });
    expect(aUser({ klarering: 'UGRADERT' }).klarering).toBe('UGRADERT');
  });
});
