#!/usr/bin/env node
// Runs lanes of commands side by side: `node .ci/parallel.mjs "a && b" "c && d"`. Each lane is
// one shell command (its steps one after another); lanes run at once, so two single-threaded
// checks (tsc, eslint, prettier) use both cores. A lane's output is printed whole when it ends,
// never interleaved with another's. Exits non-zero when any lane fails, after every lane ends.
import { spawn } from 'node:child_process';

const lanes = process.argv.slice(2);
if (lanes.length === 0) {
  console.error('usage: node .ci/parallel.mjs "<command>" ["<command>" ...]');
  process.exit(2);
}

const started = Date.now();
const results = await Promise.all(
  lanes.map(
    (command) =>
      new Promise((done) => {
        const chunks = [];
        const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (c) => chunks.push(c));
        child.stderr.on('data', (c) => chunks.push(c));
        child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
        child.on('close', (code, signal) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`\n> ${command}\n${Buffer.concat(chunks).toString()}`);
          process.stdout.write(`> ${code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`} after ${seconds} s\n`);
          done(code === 0);
        });
      }),
  ),
);
process.exit(results.every(Boolean) ? 0 : 1);
