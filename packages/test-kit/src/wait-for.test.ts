import { createGate, waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first truthy value of the predicate', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('rejects naming the condition and the last error when it never holds', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('ikke klar');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'jobben er ferdig' },
      ),
    ).rejects.toThrow(/jobben er ferdig.*ikke klar/);
  });
});

describe('createGate', () => {
  it('holds waiters until opened', async () => {
    const gate = createGate();
    let passed = false;
    const waiter = gate.promise.then(() => (passed = true));
    await Promise.resolve();
    expect(passed).toBe(false);
    gate.open();
    await waiter;
    expect(passed).toBe(true);
  });
});
