import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: runs every bench/*.bench.js (or only those named on the command line) one
 * after another and prints their figures. Nothing here asserts on wall time.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<void> };
    const started = Date.now();
    process.stdout.write(`\n### ${file.replace('.bench.js', '')}\n`);
    await mod.run();
    process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
