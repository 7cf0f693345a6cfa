import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { BenchAborted, type BenchOptions, figure, finish, machine, machineDetails, out, percentile, printMachine, printTable, secondsSince, sleep } from './bench-kit';
import { startBenchServer } from './bench-server';
import { JsonClient, runBounded } from './http-json';

const CONCURRENCY = 32;

/**
 * `pnpm bench register`: concurrent registration through the API — many coordinators registering
 * assessed reports at once — and whether the journal numbers they got are unique and gap-free.
 * Baseline: the same number of authenticated reads of the same reports (GET /reports/{id}: session,
 * access check, store read, audit entry) at the same concurrency, on the same server. Target
 * (issue 7): ≥ 500 registrations/s on the embedded profile.
 */
export async function runRegisterBench(options: BenchOptions): Promise<boolean> {
  if (options.profile !== 'embedded') throw new BenchAborted('bench register: measured on the embedded profile (the target is for it)');
  printMachine('register', options);
  const total = options.quick ? 1_000 : 5_000;
  const server = await startBenchServer('mottak', { overrides: { MOTTAK_INDEXER_POLL_MS: '50' } });
  try {
    const client = new JsonClient(server.url);
    const login = await client.request<{ token: string }>('POST', '/api/v1/auth/login', { body: { username: 'kari', password: DEMO_PASSWORD } });
    if (login.status !== 200) throw new BenchAborted(`bench register: login failed (${login.status})`);
    const kari = { Authorization: `Bearer ${login.body.token}` };

    out(`receiving ${total} reports and waiting for their assessment …`);
    const ids: string[] = new Array(total);
    await runBounded(total, CONCURRENCY, async (i) => {
      const response = await client.request<{ id: string }>('POST', '/api/v1/reports', {
        headers: kari,
        body: { channel: 'telefon', title: `Telefonnotat ${i}`, body: `Innringer ${i} så en bil som sto lenge ved porten til anlegg ${i % 97}.` },
      });
      if (response.status !== 202) throw new BenchAborted(`bench register: intake answered ${response.status}`);
      ids[i] = response.body.id;
    });
    const deadline = Date.now() + (options.quick ? 120_000 : 600_000);
    for (;;) {
      const waiting = await client.request<{ total: number }>('GET', '/api/v1/reports?status=mottatt&limit=1', { headers: kari });
      if (waiting.body.total === 0) break;
      if (Date.now() > deadline) throw new BenchAborted(`bench register: ${waiting.body.total} reports still unassessed at the time bound`);
      await sleep(250);
    }

    // Baseline first (reads change nothing), then the registrations, each timed per request.
    const readLatencies: number[] = [];
    let started = performance.now();
    await runBounded(total, CONCURRENCY, async (i) => {
      const t = performance.now();
      const response = await client.request('GET', `/api/v1/reports/${ids[i]}`, { headers: kari });
      if (response.status !== 200) throw new BenchAborted(`bench register: read answered ${response.status}`);
      readLatencies.push(performance.now() - t);
    });
    const readRate = total / secondsSince(started);

    const numbers: string[] = new Array(total);
    const latencies: number[] = [];
    started = performance.now();
    await runBounded(total, CONCURRENCY, async (i) => {
      const t = performance.now();
      const response = await client.request<{ registration?: { journalNumber: string }; code?: string }>('POST', `/api/v1/reports/${ids[i]}/registration`, {
        headers: kari,
        body: { gradering: 'BEGRENSET' },
      });
      if (response.status !== 201 || !response.body.registration) throw new BenchAborted(`bench register: registration answered ${response.status} ${response.body.code ?? ''}`);
      numbers[i] = response.body.registration.journalNumber;
      latencies.push(performance.now() - t);
    });
    const rate = total / secondsSince(started);

    const seqs = numbers.map((n) => Number(n.split('/')[1])).sort((a, b) => a - b);
    const unique = new Set(seqs).size === seqs.length;
    const gapFree = unique && (seqs.at(-1) ?? 0) - (seqs[0] ?? 0) + 1 === seqs.length;
    if (!gapFree) throw new BenchAborted(`bench register: journal numbers not gap-free (unique ${unique}, ${seqs[0]}–${seqs.at(-1)} for ${seqs.length})`);
    out(`journal numbers ${numbers[0]?.split('/')[0]}/${seqs[0]}–${seqs.at(-1)}: ${seqs.length} unique, gap-free`);

    printTable(`${total} registrations by ${CONCURRENCY} concurrent requests`, [
      { measure: 'registrations/s', value: Math.round(rate), 'p50 ms': percentile(latencies, 50).toFixed(1), 'p99 ms': percentile(latencies, 99).toFixed(1) },
      { measure: 'baseline: authenticated reads of the same reports/s', value: Math.round(readRate), 'p50 ms': percentile(readLatencies, 50).toFixed(1), 'p99 ms': percentile(readLatencies, 99).toFixed(1) },
    ]);
    finish({
      name: 'register',
      profile: options.profile,
      machine: machine(),
      figures: [figure('registrations_per_s', rate, '/s', readRate, '>=500/s')],
      details: { ...machineDetails(), total, concurrency: CONCURRENCY, gapFree, firstSeq: seqs[0], lastSeq: seqs.at(-1), p99Ms: percentile(latencies, 99) },
    });
    return true;
  } finally {
    await server.close();
  }
}
