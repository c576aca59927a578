import { join, resolve } from 'node:path';
import { repoRoot } from '../../../libs/platform/src/repo-root';

export { repoRoot };

/**
 * Where `npm start` keeps its embedded Postgres and Redis data: `PATHWAY_DATA_DIR` when set
 * (relative paths from the current directory), otherwise `./.data` in the repository.
 */
export function dataDir(...parts: string[]): string {
  const base = process.env.PATHWAY_DATA_DIR ? resolve(process.env.PATHWAY_DATA_DIR) : join(repoRoot(), '.data');
  return join(base, ...parts);
}
