import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import os from 'node:os';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/**
 * With BENCH_CPU_PROFILE=1, a V8 CPU profile of this (the API's) process between start and stop:
 * written to the temp directory as a .cpuprofile (open it in Chrome's DevTools or speedscope),
 * with the self time by package printed, so the cost of a request can be read by who spends it.
 * Without the variable, start and stop do nothing.
 */
export async function startCpuProfile(name: string): Promise<() => Promise<void>> {
  if (process.env.BENCH_CPU_PROFILE !== '1') return async () => {};
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => {
      session.post(method, params, (err, res) => {
        if (err) reject(err);
        else resolve(res as T);
      });
    });
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return async () => {
    const { profile } = await post<{ profile: Profile }>('Profiler.stop');
    session.disconnect();
    const file = join(os.tmpdir(), `pathway-bench-${name}-${Date.now().toString(36)}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`  (cpu profile of the API process: ${file})\n`);
    printSelfTime(profile);
  };
}

/** Self time by package (node_modules/<name>), Node's own code, our code and V8's (GC, idle). */
function printSelfTime(profile: Profile): void {
  const hits = new Map<number, number>();
  for (const s of profile.samples ?? []) hits.set(s, (hits.get(s) ?? 0) + 1);
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? node.hitCount ?? 0;
    if (!n) continue;
    total += n;
    const { url, functionName, lineNumber } = node.callFrame;
    const group = groupOf(url, functionName);
    byGroup.set(group, (byGroup.get(group) ?? 0) + n);
    const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + n);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([g, n]) => `    ${((100 * n) / total).toFixed(1).padStart(5)}%  ${g}`)
      .join('\n');
  process.stdout.write(`  self time by package:\n${top(byGroup, 15)}\n  self time by function:\n${top(byFunction, 25)}\n`);
}

function groupOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/dist/'))
    return `ours: ${url
      .replace(/^.*\/dist\//, '')
      .split('/')
      .slice(0, 2)
      .join('/')}`;
  if (!url) return `(${functionName || 'native'})`;
  return url;
}
