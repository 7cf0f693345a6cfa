import { isOrganisationSourceKey, sourceIdentitiesOf, sourceKeysOf } from './source-keys';

describe('sourceIdentitiesOf', () => {
  it('recognises a partner by its organisation, not by what it writes', () => {
    const [partner, ...rest] = sourceIdentitiesOf({ source: { kind: 'partner', partnerId: 'p-1', name: 'Oslo politidistrikt' } });
    expect(rest).toEqual([]);
    expect(partner).toMatchObject({ kind: 'partner', label: 'partner Oslo politidistrikt' });
    expect(partner!.key).toMatch(/^partner:[0-9a-f]{64}$/);
    expect(isOrganisationSourceKey(partner!.key)).toBe(true);
  });

  it('recognises a reporter by e-mail and phone, however they were written', () => {
    const a = sourceKeysOf({ source: { kind: 'public' }, reporterContact: { email: 'Ola@Example.no', phone: '922 33 444' } });
    const b = sourceKeysOf({ source: { kind: 'user', userId: 'u', username: 'kari' }, reporterContact: { phone: '+47 92233444' } });
    const c = sourceKeysOf({ source: { kind: 'public' }, reporterContact: { email: ' ola@example.no' } });
    expect(a).toHaveLength(2);
    expect(a[1]).toBe(b[0]);
    expect(a[0]).toBe(c[0]);
    expect(a.every((key) => !key.includes('922') && !key.includes('ola'))).toBe(true);
    expect(a.some(isOrganisationSourceKey)).toBe(false);
  });

  it('finds no source in an anonymous tip or a coordinator’s own note', () => {
    expect(sourceKeysOf({ source: { kind: 'public' } })).toEqual([]);
    expect(sourceKeysOf({ source: { kind: 'user', userId: 'u', username: 'kari' }, reporterContact: { name: 'Ola' } })).toEqual([]);
  });

  it('keeps the partner and the person apart', () => {
    const partner = sourceKeysOf({ source: { kind: 'partner', partnerId: 'x@example.no', name: 'X' } });
    const person = sourceKeysOf({ source: { kind: 'public' }, reporterContact: { email: 'x@example.no' } });
    expect(partner[0]).not.toBe(person[0]);
  });
});
