import { ownDatabase } from './own-database';

/**
 * Before each e2e file run on its own, a database and Redis prefix of its own (own-database.ts).
 * A group file (`*.e2e-group.ts`, as `npm test` runs them) gives each of its files its own instead.
 */
if (!expect.getState().testPath?.endsWith('.e2e-group.ts')) ownDatabase(() => {});
