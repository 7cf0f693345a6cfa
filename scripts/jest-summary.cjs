// Reads jest's --json results and prints, for scripts/test.sh:
//   stderr: the failing test files and tests (a short list to scroll back to), then
//   stdout: one line "<passed> <failed> <skipped>".
// A test file that cannot run at all (syntax error, missing module, crash in a hook) has no failing
// test in numFailedTests, so each such file counts as one failure here.
// Usage: node scripts/jest-summary.cjs test-results/jest.json   (exit 2 if the file is unreadable)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const MAX_LISTED = 40;

/** Reads and parses the results file, or exits 2 saying why. */
function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`jest-summary: cannot read ${file}: ${error.message}\n`);
    process.exit(2);
  }
}

/** Colour codes in jest's messages (built from a string: a literal \x1b trips no-control-regex). */
const ANSI_CODES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The gist of a failure message in one line, skipping jest's "● …" headings. */
function firstLine(message) {
  const lines = String(message || '').replace(ANSI_CODES, '').split('\n').map((line) => line.trim());
  const meaningful = lines.filter((line) => line !== '' && !line.startsWith('●'));
  // "Configuration error:" and the like say what follows on the next line.
  const [first = '', second = ''] = meaningful;
  return (first.endsWith(':') ? `${first} ${second}` : first).slice(0, 200);
}

const file = process.argv[2] || 'test-results/jest.json';
const results = readResults(file);
const root = process.cwd();

const lines = [];
let brokenFiles = 0;
for (const suite of results.testResults || []) {
  const name = path.relative(root, suite.name || '');
  const failedTests = (suite.assertionResults || []).filter((test) => test.status === 'failed');
  if (suite.status === 'failed' && failedTests.length === 0) {
    brokenFiles += 1;
    lines.push(`  ✕ ${name} (could not run): ${firstLine(suite.message || suite.failureMessage)}`);
  }
  for (const test of failedTests) {
    lines.push(`  ✕ ${name} › ${test.fullName}: ${firstLine((test.failureMessages || [])[0])}`);
  }
}

const passed = results.numPassedTests || 0;
const failed = (results.numFailedTests || 0) + brokenFiles;
const skipped = (results.numPendingTests || 0) + (results.numTodoTests || 0);

if (lines.length > 0) {
  process.stderr.write(`Failing jest tests (${failed}):\n`);
  process.stderr.write(lines.slice(0, MAX_LISTED).join('\n') + '\n');
  if (lines.length > MAX_LISTED) process.stderr.write(`  … and ${lines.length - MAX_LISTED} more\n`);
}
process.stdout.write(`${passed} ${failed} ${skipped}\n`);
