import { migrate } from '../libs/database/src/migrate';
import { ensureBootstrapAdmin } from '../libs/identity/src/bootstrap-admin';
import { ensureShippedTemplates } from '../libs/journeys/src/pathway-templates.service';

export interface ProductMigrateOptions {
  bootstrapAdminToken?: string;
  centralTeamName: string;
  log?: (message: string) => void;
}

/** The product's migration: the schema, then the bootstrap admin and the shipped pathway templates, under one lock. */
export function migrateProduct(url: string, options: ProductMigrateOptions): Promise<string[]> {
  return migrate(url, {
    log: options.log,
    afterMigrate: [
      (db) => ensureBootstrapAdmin(db, options.bootstrapAdminToken, options.centralTeamName),
      (db) => ensureShippedTemplates(db),
    ],
  });
}
