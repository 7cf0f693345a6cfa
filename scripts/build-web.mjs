// Builds the browser app (services/web) into services/web/dist with Vite, unless dist already holds
// a build of exactly the current sources. Used by scripts/start.sh (the UI at the printed URL) and by
// the browser tests (test/browser). Staleness is decided by a hash of the inputs' contents, not by
// file times, so a checkout or a copy never counts as "changed" by itself.
//
// Concurrent callers (several jest workers) are serialised with a lock directory; the build goes to
// a temporary folder under .cache that replaces dist by a rename, so a running server never serves
// half a build.
//
// Usage: node scripts/build-web.mjs [--force]     exit 0 when dist is current, 1 when the build failed
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(repo, 'services', 'web');
const dist = path.join(web, 'dist');
const stampFile = '.build-hash';
const lockDir = path.join(repo, '.cache', 'build-web.lock');
const STALE_LOCK_MS = 10 * 60_000;

/** Every file that goes into the build, sorted, relative to services/web. */
function inputFiles() {
  const files = ['index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].filter((file) => existsSync(path.join(web, file)));
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(web, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (!/\.test\.tsx?$/.test(entry.name)) files.push(relative);
    }
  };
  for (const dir of ['src', 'public']) if (existsSync(path.join(web, dir))) walk(dir);
  return files.sort();
}

/** Hash of the inputs and of the installed versions of what the build bundles (lockfile). */
function inputHash() {
  const hash = createHash('sha256');
  for (const file of inputFiles()) {
    hash.update(file.split(path.sep).join('/')).update('\0').update(readFileSync(path.join(web, file))).update('\0');
  }
  const lockfile = path.join(repo, 'pnpm-lock.yaml');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  return hash.digest('hex');
}

function isCurrent(hash) {
  try {
    return existsSync(path.join(dist, 'index.html')) && readFileSync(path.join(dist, stampFile), 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the lock (waiting for another build to finish); a lock older than 10 minutes is a leftover. */
function acquireLock() {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      sleep(250);
    }
  }
}

function build(hash) {
  const vite = path.join(web, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    log(`error: ${path.relative(repo, vite)} is missing; run the set-up (pnpm install) first.`);
    return false;
  }
  // Built beside the lock in .cache (ignored by git, lint and the dependency check), then moved in.
  const work = path.join(repo, '.cache', 'web-build');
  mkdirSync(work, { recursive: true });
  const next = path.join(work, `next-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  log('==> building the web app (vite build → services/web/dist)');
  const result = spawnSync(process.execPath, [vite, 'build', '--outDir', next, '--emptyOutDir', '--logLevel', 'warn'], { cwd: web, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    log(`error: vite build failed (exit status ${result.status ?? result.signal}).`);
    return false;
  }
  writeFileSync(path.join(next, stampFile), `${hash}\n`);
  const old = path.join(work, `old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
  return true;
}

function main() {
  const force = process.argv.includes('--force');
  const hash = inputHash();
  if (!force && isCurrent(hash)) return 0;
  acquireLock();
  try {
    // Another caller may have built it while this one waited.
    if (!force && isCurrent(hash)) return 0;
    return build(hash) ? 0 : 1;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

process.exitCode = main();
