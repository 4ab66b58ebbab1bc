// The web server for the load benchmark, in a process of its own so the load generator does not share its
// event loop: opens the given SQLite register and prints the port it listens on.
import { settleGarbageCollection } from '../src/app/garbage-collection.ts';

// As bin/iro.mjs does for `iro start`: before the server's code is loaded.
settleGarbageCollection();
const { openDatabase } = await import('../src/db/database.ts');
const { buildServer } = await import('../src/web/server.ts');

const [dbPath, today] = process.argv.slice(2);
if (!dbPath || !today) throw new Error('usage: web-server.ts <sqlite file> <today>');
const database = await openDatabase({ sqlitePath: dbPath });
// Sign-in is rate limited per address; the benchmark signs in 50 users from one.
const app = await buildServer({ database, today: () => today, signInRateLimit: 10_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : ''}`);
