import { join, resolve } from 'node:path';
import type { EnvConfig } from '@pathway/platform/config/env';
import { repoRoot } from '@pathway/platform/repo-root';

export { repoRoot };

/**
 * Where `npm start` keeps its embedded Postgres and Redis data: the validated `PATHWAY_DATA_DIR`
 * when set (relative paths from the current directory), otherwise `./.data` in the repository.
 */
export function dataDir(config: Pick<EnvConfig, 'PATHWAY_DATA_DIR'>, ...parts: string[]): string {
  const base = config.PATHWAY_DATA_DIR ? resolve(config.PATHWAY_DATA_DIR) : join(repoRoot(), '.data');
  return join(base, ...parts);
}
