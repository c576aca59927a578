import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { taskIsOpen } from '@pathway/database/journey-sql';
import { queryRows } from '@pathway/database/query-rows';
import { withCatchUp } from '@pathway/domain/calendar/due-date';
import { todayInLondon } from '@pathway/domain/calendar/london';
import {
  cycleYearsDue,
  defaultAccountingReferenceDate,
  entityDatesProblems,
  yearlyTasksFor,
  type CycleDates,
  type YearlyTaskSpec,
} from '@pathway/domain/sustainability/yearly-cycle';
import type { Nation } from '@pathway/domain/vocabulary';
import { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { recordHistory } from '@pathway/journeys/history';
import { JourneyChange, JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import { PathwayTemplatesService } from '@pathway/journeys/pathway-templates.service';
import { HandlesJob } from '@pathway/queue/handles-job.decorator';
import { Clock } from '@pathway/platform/clock/clock';
import { BadRequestError } from '@pathway/platform/errors/domain-errors';

/** The state in which the cycle runs. */
const OPERATING = { phase: 'sustainability', state: 'operating' } as const;
const SWEEP_BATCH = 500;

/** The entity's dates as stored on the journey (null until recorded). */
export interface StoredEntityDates {
  incorporationDate: string | null;
  accountingReferenceDate: string | null;
}

export async function entityDatesOf(em: EntityManager, journeyId: string): Promise<StoredEntityDates> {
  const [row] = queryRows<StoredEntityDates>(
    await em.query(
      `SELECT to_char(incorporation_date, 'YYYY-MM-DD') AS "incorporationDate",
              to_char(accounting_reference_date, 'YYYY-MM-DD') AS "accountingReferenceDate"
         FROM journeys WHERE id = $1`,
      [journeyId],
    ),
  );
  return row ?? { incorporationDate: null, accountingReferenceDate: null };
}

/**
 * The dates the cycle runs on. Unrecorded dates are estimated, and the tasks say so through the
 * journey page: incorporation on the day the entity was registered on Pathway, the accounting
 * reference date the Companies Act default (s.391(4)), the transfer the day it completed.
 */
export function cycleDatesOf(j: Pick<JourneyEntity, 'eventDates' | 'plannedTransferDate'>, stored: StoredEntityDates): CycleDates {
  const transferDate = j.eventDates.complete_transfer ?? j.plannedTransferDate;
  const incorporationDate = stored.incorporationDate ?? j.eventDates.register_legal_entity ?? transferDate;
  return {
    incorporationDate,
    accountingReferenceDate: stored.accountingReferenceDate ?? defaultAccountingReferenceDate(incorporationDate),
    transferDate,
  };
}

/**
 * The yearly cycle of an operating mutual. Entering `operating` creates cycle year 1; a sweep on
 * the worker's job scheduler creates each next year three months before it starts (and catches up
 * a journey that came back from hold); and completing the last open task of the latest year
 * creates the next year at once, on whichever path the task was completed (the change bus carries
 * every task change). It cannot run out (the sweep looks at every operating journey whose next
 * year is due) and cannot double-create: a task's key carries its year, the (journey, key) index
 * is unique, inserts skip conflicts, and every run holds the journey's row lock (the sweep takes
 * it; a task change or an event already holds it), reading the years created under that lock.
 * Tasks go to the reminders through the journey change bus, like every other task.
 */
@Injectable()
export class YearlyCycleService implements OnModuleInit {
  private readonly logger = new Logger('YearlyCycle');
  /** The tasks-changed change each event's listener call opened, to finish after commit. */
  private readonly followUps = new WeakMap<JourneyChange, JourneyChange>();
  /** The tasks-changed changes this service opened itself. */
  private readonly ownChanges = new WeakSet<JourneyChange>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: JourneyChangeBus,
    private readonly templates: PathwayTemplatesService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.register({
      inTransaction: (tx, change) => this.onChange(tx, change),
      afterCommit: async (change) => {
        const follow = this.followUps.get(change);
        if (follow) await this.bus.afterCommit(follow);
      },
    });
  }

  private async onChange(tx: EntityManager, change: JourneyChange): Promise<void> {
    if (this.ownChanges.has(change)) return; // the tasks this service just created: nothing more follows from them
    const j = change.journey;
    if (change.kind === 'event' && change.event?.type === 'register_legal_entity') {
      await this.recordDatesFromPayload(tx, j, change.event.payload, change.actorUserId);
      return;
    }
    // An event (entering operating, back from hold), or tasks that changed on any path (the API,
    // the web task page, an event or an outcome that completes tasks): the last open task of the
    // latest year done starts the next year at once.
    const relevant = change.kind === 'event' || (change.kind === 'tasks_changed' && change.taskIds.length > 0);
    if (relevant && j.phase === OPERATING.phase && j.state === OPERATING.state) {
      const taskIds = await this.ensure(tx, j, this.clock.now(), change.actorUserId);
      if (!taskIds.length) return;
      const follow: JourneyChange = { journey: j, actorUserId: change.actorUserId, kind: 'tasks_changed', taskIds };
      this.ownChanges.add(follow);
      await this.bus.inTransaction(tx, follow);
      this.followUps.set(change, follow);
    }
  }

  /**
   * `register_legal_entity` may carry the entity's dates (`incorporationDate`,
   * `accountingReferenceDate`, both optional): checked by the domain (400 naming the field, and the
   * event rolls back), then stored.
   */
  private async recordDatesFromPayload(tx: EntityManager, j: JourneyEntity, payload: Record<string, unknown>, actor: string | null) {
    const { incorporationDate, accountingReferenceDate } = payload;
    if (incorporationDate === undefined && accountingReferenceDate === undefined) return;
    if (incorporationDate === undefined)
      throw new BadRequestError(['payload.incorporationDate is required with payload.accountingReferenceDate']);
    const problems = entityDatesProblems({ incorporationDate, accountingReferenceDate }, todayInLondon(this.clock.now()), 'payload.');
    if (problems.length) throw new BadRequestError(problems.map((p) => p.message));
    const inc = incorporationDate as string;
    const ard = (accountingReferenceDate as string | undefined) ?? defaultAccountingReferenceDate(inc);
    await tx.query(`UPDATE journeys SET incorporation_date = $2, accounting_reference_date = $3 WHERE id = $1`, [j.id, inc, ard]);
    await recordHistory(tx, {
      journeyId: j.id,
      actorUserId: actor,
      type: 'entity_dates_recorded',
      data: {
        incorporationDate: inc,
        accountingReferenceDate: ard,
        accountingReferenceDateDefaulted: accountingReferenceDate === undefined,
      },
    });
  }

  /**
   * Creates every cycle year the journey should have by `now` that it does not have yet, inside the
   * caller's transaction (which holds the journey's row lock), and the next year at once when the
   * latest year has tasks and none of them is open any more. Returns the new tasks' ids.
   */
  async ensure(tx: EntityManager, j: JourneyEntity, now: Date, actorUserId: string | null): Promise<string[]> {
    const template = await this.templates.version(j.templateVersion, tx);
    const defs = template.yearlyTasks ?? [];
    if (!defs.length) return [];
    const [row] = queryRows<{ created: number; finished: boolean }>(
      await tx.query(
        `SELECT j.cycle_years_created AS created,
                EXISTS (SELECT 1 FROM journey_tasks t WHERE t.journey_id = j.id AND t.cycle_year = j.cycle_years_created)
                AND NOT EXISTS (SELECT 1 FROM journey_tasks t WHERE t.journey_id = j.id AND t.cycle_year = j.cycle_years_created
                                  AND ${taskIsOpen('t')}) AS finished
           FROM journeys j WHERE j.id = $1`,
        [j.id],
      ),
    );
    const dates = cycleDatesOf(j, await entityDatesOf(tx, j.id));
    const today = todayInLondon(now);
    const due = cycleYearsDue(dates.transferDate, today);
    const target = Math.max(due, row.finished ? row.created + 1 : 0);
    const ids: string[] = [];
    for (let year = row.created + 1; year <= target; year++) {
      const specs = yearlyTasksFor(defs, dates, { legalForm: j.legalForm, nation: j.nation, year });
      const created = await this.insert(tx, j, specs, year, today, now);
      ids.push(...created);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: null,
        type: 'yearly_cycle_started',
        data: {
          year,
          tasksCreated: created.length,
          taskKeys: specs.map((s) => s.key),
          causedByUserId: actorUserId,
          cause: year > due ? 'previous_year_completed' : 'year_due',
          estimatedDates: dates,
        },
      });
    }
    if (target > row.created) {
      await tx.query(`UPDATE journeys SET cycle_years_created = $2, updated_at = now() WHERE id = $1 AND cycle_years_created < $2`, [
        j.id,
        target,
      ]);
    }
    return ids;
  }

  private async insert(tx: EntityManager, j: JourneyEntity, specs: YearlyTaskSpec[], year: number, today: string, now: Date) {
    const ids: string[] = [];
    for (const s of specs) {
      const dueDate = withCatchUp(s.dueDate, { createdOn: today, statutory: s.statutory, nation: j.nation as Nation });
      const inserted = queryRows<{ id: string }>(
        await tx.query(
          `INSERT INTO journey_tasks (journey_id, key, title, phase, gate_state, workstream, owner_party, owner_organisation_id, status,
                                      mandatory, statutory, due_date, due_set_by_hand, depends_on, guidance, source, source_url,
                                      cycle_year, custom, created_at, updated_at)
           VALUES ($1, $2, $3, 'sustainability', NULL, $4, $5, $6, 'not_started', false, $7, $8, false, '{}', $9, $10, $11, $12, false, $13, $13)
           ON CONFLICT DO NOTHING RETURNING id`,
          [
            j.id,
            s.key,
            s.title,
            s.workstream,
            s.ownerParty,
            j.mutualOrganisationId,
            s.statutory,
            dueDate,
            s.guidance,
            s.source.citation,
            s.source.url,
            year,
            now,
          ],
        ),
      );
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  /**
   * After the entity's dates change: open cycle tasks whose deadline nobody set by hand move to
   * the new dates. Returns the ids of the tasks that moved.
   */
  async resync(tx: EntityManager, j: JourneyEntity): Promise<string[]> {
    const template = await this.templates.version(j.templateVersion, tx);
    const defs = template.yearlyTasks ?? [];
    const open = queryRows<{ id: string; key: string; year: number; due: string | null; statutory: boolean; created: Date }>(
      await tx.query(
        `SELECT id, key, cycle_year AS year, to_char(due_date, 'YYYY-MM-DD') AS due, statutory, created_at AS created FROM journey_tasks
          WHERE journey_id = $1 AND cycle_year IS NOT NULL AND NOT due_set_by_hand AND status NOT IN ('completed', 'not_applicable')`,
        [j.id],
      ),
    );
    if (!open.length || !defs.length) return [];
    const dates = cycleDatesOf(j, await entityDatesOf(tx, j.id));
    const moved: string[] = [];
    const byYear = new Map<number, YearlyTaskSpec[]>();
    for (const t of open) {
      if (!byYear.has(t.year)) byYear.set(t.year, yearlyTasksFor(defs, dates, { legalForm: j.legalForm, nation: j.nation, year: t.year }));
      const spec = byYear.get(t.year)!.find((s) => s.key === t.key);
      if (!spec) continue;
      const due = withCatchUp(spec.dueDate, { createdOn: todayInLondon(t.created), statutory: t.statutory, nation: j.nation });
      if (due === t.due) continue;
      await tx.query(`UPDATE journey_tasks SET due_date = $2, title = $3, updated_at = now() WHERE id = $1`, [t.id, due, spec.title]);
      moved.push(t.id);
    }
    return moved;
  }

  /** The worker's job (on a job scheduler, like the escalation sweep). */
  @HandlesJob('yearly_cycle.sweep')
  async handle(): Promise<{ journeys: number; tasksCreated: number }> {
    return this.sweep(this.clock.now());
  }

  /** Every operating journey whose next cycle year is due gets it (journeys on a template without a cycle are left out). */
  async sweep(now: Date): Promise<{ journeys: number; tasksCreated: number }> {
    const today = todayInLondon(now);
    // Prefilter in SQL (the next year starts within the lead time); the domain decides exactly.
    const candidates = queryRows<{ id: string }>(
      await this.db.query(
        `SELECT id FROM journeys
          WHERE phase = $1 AND state = $2
            AND template_version IN (SELECT version FROM pathway_templates
                                      WHERE jsonb_typeof(definition->'yearlyTasks') = 'array' AND jsonb_array_length(definition->'yearlyTasks') > 0)
            AND (COALESCE((event_dates->>'complete_transfer')::date, planned_transfer_date)
                 + make_interval(years => cycle_years_created + 1) - interval '3 months')::date <= $3::date
          ORDER BY id LIMIT $4`,
        [OPERATING.phase, OPERATING.state, today, SWEEP_BATCH],
      ),
    );
    let journeys = 0;
    let tasksCreated = 0;
    for (const { id } of candidates) {
      try {
        const change = await this.db.transaction(async (tx) => {
          const j = await tx.getRepository(JourneyEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
          if (!j || j.phase !== OPERATING.phase || j.state !== OPERATING.state) return null;
          const taskIds = await this.ensure(tx, j, now, null);
          if (!taskIds.length) return null;
          const c: JourneyChange = { journey: j, actorUserId: null, kind: 'tasks_changed', taskIds };
          await this.bus.inTransaction(tx, c);
          return c;
        });
        if (change) {
          journeys++;
          tasksCreated += change.taskIds.length;
          await this.bus.afterCommit(change);
        }
      } catch (err) {
        this.logger.error({ journeyId: id, err: (err as Error).message }, 'yearly cycle not advanced');
      }
    }
    return { journeys, tasksCreated };
  }
}
