// Asks a MongoDB-compatible server for `ping` and `buildInfo` with the driver the adapter uses
// (so "answers" also means "this driver accepts its wire version"). Used by provision-mongo.sh.
// Usage: node scripts/mongo-test-server/ping.cjs <mongodb-url> [wait-seconds]
// Prints one JSON line {"version":…,"mongoJavaServer":…} and exits 0 once it answers; exits 1
// with the last error on stderr when it has not answered within wait-seconds (default 0: one try).
'use strict';
const path = require('node:path');

const adapterDir = path.join(__dirname, '../../packages/adapters-mongo');
const mongoose = require(require.resolve('mongoose', { paths: [adapterDir] }));
const { MongoClient } = mongoose.mongo;

const [url, waitArg] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: ping.cjs <mongodb-url> [wait-seconds]\n');
  process.exit(2);
}
const deadline = Date.now() + Number(waitArg ?? 0) * 1000;

/** One attempt: connect, ping, buildInfo, close. */
async function probe() {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await client.connect();
    const admin = client.db('admin');
    await admin.command({ ping: 1 });
    const info = await admin.command({ buildInfo: 1 });
    return { version: info.version, mongoJavaServer: info.mongoJavaServer ?? null };
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function main() {
  for (;;) {
    try {
      process.stdout.write(`${JSON.stringify(await probe())}\n`);
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

main();
