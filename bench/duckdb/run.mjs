// Runs one SQL statement in DuckDB with a given number of threads and
// prints the result rows, one JSON object a line: the peer of logq in
// bench/filter.sh and bench/query.sh.
//
//   node bench/duckdb/run.mjs THREADS 'SELECT ...'
import { DuckDBInstance } from '@duckdb/node-api';

const [threads, sql] = process.argv.slice(2);
if (!threads || !sql) {
  console.error('usage: node run.mjs THREADS SQL');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const conn = await instance.connect();
const reader = await conn.runAndReadAll(sql);
const out = [];
for (const row of reader.getRowObjectsJson()) {
  out.push(JSON.stringify(row));
}
if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
