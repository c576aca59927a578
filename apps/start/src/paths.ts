import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root (the folder holding package.json), from source or from dist/. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Where `npm start` keeps its embedded Postgres and Redis data: `PATHWAY_DATA_DIR` when set
 * (relative paths from the current directory), otherwise `./.data` in the repository.
 */
export function dataDir(...parts: string[]): string {
  const base = process.env.PATHWAY_DATA_DIR ? resolve(process.env.PATHWAY_DATA_DIR) : join(repoRoot(), '.data');
  return join(base, ...parts);
}
