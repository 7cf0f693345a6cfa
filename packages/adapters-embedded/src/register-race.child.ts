/**
 * A separate process for report-store.sqlite.test.ts: opens the store file given on the command
 * line, says `ready`, waits for a line on stdin (so all processes start together), registers the
 * given reports and prints the journal numbers it got as one JSON line.
 */
import { createSqliteReportStore } from './report-store.sqlite';

async function main(): Promise<void> {
  const [file, idsJson] = process.argv.slice(2);
  if (!file || !idsJson) throw new Error('usage: register-race.child.ts <file> <ids-json>');
  const store = createSqliteReportStore(file);
  const ids = JSON.parse(idsJson) as string[];
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const numbers: string[] = [];
  for (const id of ids) {
    const report = await store.get(id, { kind: 'all' });
    if (!report) throw new Error(`report ${id} not found`);
    const at = new Date().toISOString();
    const registered = await store.register({
      reportId: id,
      expectedVersion: report.version,
      year: 2026,
      registration: {
        registeredAt: at,
        registeredBy: `process-${process.pid}`,
        priority: 'P3',
        category: 'observasjon',
        priorityOverridden: false,
        categoryOverridden: false,
      },
      gradering: 'BEGRENSET',
      compartments: [],
      journal: { at, actor: `process:${process.pid}`, action: 'report.registered', details: {} },
    });
    numbers.push(registered.registration?.journalNumber ?? 'missing');
  }
  process.stdout.write(`${JSON.stringify(numbers)}\n`);
  await store.close();
  process.stdin.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
