import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * For hand-written SQL (a prepared statement) that reads whole entities: the entity's columns as
 * `alias.column AS "column"`, named one by one (never `*`), and a row of them made into the
 * entity as TypeORM's query builder makes it (each value through the driver's hydration).
 */
export function entityColumns(em: EntityManager, target: EntityTarget<ObjectLiteral>, alias: string): string {
  return em.connection
    .getMetadata(target)
    .columns.map((c) => `${alias}.${c.databaseName} AS "${c.databaseName}"`)
    .join(', ');
}

export function entityFromRow<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = em.connection.getMetadata(target);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value === undefined || column.isVirtual) continue;
    column.setEntityValue(entity, em.connection.driver.prepareHydratedValue(value, column));
  }
  return entity;
}
