import { migrate } from '@pathway/database/migrate';
import { ensureBootstrapAdmin } from '@pathway/identity/bootstrap-admin';
import { ensureShippedTemplates } from '@pathway/journeys/pathway-templates.service';

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
