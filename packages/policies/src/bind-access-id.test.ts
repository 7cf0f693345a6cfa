import { bindAccessId } from './bind-access-id';
import { matchesAccessCondition, type AccessCondition } from './access-condition';

describe('bindAccessId', () => {
  const condition: AccessCondition = {
    kind: 'or',
    conditions: [
      { kind: 'in', field: 'gradering', values: ['UGRADERT'] },
      { kind: 'and', conditions: [{ kind: 'in', field: 'gradering', values: ['HEMMELIG'] }, { kind: 'not', condition: { kind: 'in', field: 'id', values: ['r2'] } }] },
    ],
  };

  it('decides id tests for the known report and leaves the other fields to the engine', () => {
    const fields = { gradering: 'HEMMELIG', compartments: [], status: 'registrert' };
    for (const id of ['r1', 'r2']) {
      const bound = bindAccessId(condition, id);
      expect(JSON.stringify(bound)).not.toContain('"id"');
      expect(matchesAccessCondition(bound, { id: 'other', ...fields })).toBe(matchesAccessCondition(condition, { id, ...fields }));
    }
  });
});
