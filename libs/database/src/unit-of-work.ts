import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * One rule for every unit of work: while code holds a transaction, every query it makes goes
 * through that transaction's connection. Asking the pool for a second connection while holding
 * one is how a burst of N transactions on a pool of N deadlocks (each waits for a connection the
 * others hold), so it is refused outright, the moment it is asked, on every path.
 *
 * `guardTransactions(db)` makes the DataSource enforce this: `db.transaction(cb)` runs `cb` in an
 * async context that knows its transaction; inside it, anything that would take a pool connection
 * (`db.query`, `db.manager`, a repository of `db`, a nested `db.transaction`) throws
 * NestedConnectionError instead of waiting. Code that needs a query from a shared helper (a cache
 * filled on first use) asks `managerFor(db)`: the caller's transaction when there is one, else the
 * pool.
 */
interface UnitOfWork {
  manager: EntityManager;
  open: boolean;
}

const context = new AsyncLocalStorage<UnitOfWork>();
const GUARDED = Symbol('pathway.transactionGuard');

export class NestedConnectionError extends Error {
  constructor() {
    super(
      'A query asked the connection pool for a second connection while its caller holds a transaction: ' +
        "use the transaction's EntityManager (or managerFor(dataSource)) inside a unit of work",
    );
    this.name = 'NestedConnectionError';
  }
}

/** The EntityManager of the transaction this code runs in, or `db.manager` outside any. */
export function managerFor(db: DataSource): EntityManager {
  const uow = context.getStore();
  return uow?.open ? uow.manager : db.manager;
}

/** Whether this code runs inside a guarded transaction. */
export function inUnitOfWork(): boolean {
  return !!context.getStore()?.open;
}

type TransactionFn = EntityManager['transaction'];
type Obtain = () => Promise<unknown>;

/** Installs the rule on `db` (idempotent) and returns it. */
export function guardTransactions<T extends DataSource>(db: T): T {
  const driver = db.driver as unknown as Record<string | symbol, unknown> & {
    obtainMasterConnection: Obtain;
    obtainSlaveConnection?: Obtain;
  };
  if (driver[GUARDED]) return db;
  driver[GUARDED] = true;

  for (const key of ['obtainMasterConnection', 'obtainSlaveConnection'] as const) {
    const original = driver[key];
    if (typeof original !== 'function') continue;
    driver[key] = function guardedObtain(this: unknown) {
      if (context.getStore()?.open) return Promise.reject(new NestedConnectionError());
      return original.call(this);
    };
  }

  const manager = db.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = function guardedTransaction(isolationOrWork: unknown, maybeWork?: unknown) {
    const work = (typeof isolationOrWork === 'function' ? isolationOrWork : maybeWork) as (em: EntityManager) => Promise<unknown>;
    if (context.getStore()?.open) return Promise.reject(new NestedConnectionError());
    const inContext = (em: EntityManager) => {
      const uow: UnitOfWork = { manager: em, open: true };
      // Work started here but left running after commit (fire-and-forget) sees `open: false`.
      return context.run(uow, () => work(em)).finally(() => (uow.open = false));
    };
    return typeof isolationOrWork === 'function' ? transaction(inContext) : transaction(isolationOrWork, inContext);
  } as TransactionFn;
  return db;
}
