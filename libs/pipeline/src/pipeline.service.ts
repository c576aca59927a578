import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { endOfLondonToday, todayInLondon } from '@pathway/domain/calendar/london';
import { EnvConfig } from '@pathway/platform/config/env';
import type {
  AtRiskQueryDto,
  EscalationsQueryDto,
  PipelineFilters,
  PipelineJourneysQueryDto,
  PipelinePageDto,
  StalledQueryDto,
} from './dto/pipeline-query.dto';
import type {
  AtRiskJourneyDto,
  AtRiskListDto,
  AtRiskReasonDto,
  PipelineEscalationListDto,
  PipelineJourneyListDto,
  PipelineSummaryDto,
  StalledListDto,
} from './dto/pipeline-response.dto';
import {
  JOURNEY_ALL_PARTY_COLUMNS,
  JOURNEY_REF_COLUMNS,
  journeyCountsSql,
  journeyStateColumns,
  presentJourneyRef,
  presentPipelineJourney,
  type JourneyRefRow,
  type JourneyRowWithCounts,
} from './journey-ref';
import {
  AT_RISK_SORTING,
  escalationOrderBy,
  ESCALATION_SORTING,
  JOURNEY_SORTING,
  journeyOrderBy,
  resolveSort,
  STALLED_SORTING,
} from './journey-sort';
import { journeyConditions, type PipelineScope } from './pipeline-scope';
import { KeptAnswers } from './kept-answers';
import {
  AT_RISK_TRANSFER_WITHIN_DAYS,
  atRiskClock,
  atRiskReasonConditions,
  journeyAtRisk,
  lostUnreplacedContract,
  openMandatorySpinningOutTask,
  overdueStatutoryTask,
} from './at-risk-sql';
import { journeyClockRuns, journeyNotTransferred, SqlParams, taskDeadline, taskIsOpen, taskIsOverdue } from '@pathway/database/journey-sql';
import { SUMMARY_DIMENSIONS, tally } from './tally';
import { queryRows } from '@pathway/database/query-rows';

/** A journey in this state has finished its pathway: it cannot stall. */
const FINISHED_STATE = 'operating';
const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 100;

type Paged<T> = T & { total: string | number };
type StatutoryTaskRow = { id: string; key: string; title: string; deadline: string };

/**
 * The central team's monitoring views over the journeys in a caller's scope. Read-only SQL; every
 * count is computed from indexed data, and "overdue" is always measured against the request's
 * instant (see migrations/1763800300000-Pipeline.ts for why nothing is pre-counted). The
 * summary's answers are kept between requests (see `summary`); everything else is computed per
 * request. Shapes that matter at 10,000 journeys: independent parts run as separate statements in
 * parallel on the pool; pages are cut before organisation names and per-journey counts are looked
 * up; names are scalar subqueries rather than joins, which keeps planning cheap.
 */
@Injectable()
export class PipelineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: EnvConfig,
  ) {}

  private readonly keptSummaries = new KeptAnswers<PipelineSummaryDto>();

  /**
   * The contract's summary over active journeys (every state but withdrawn), as at `now`.
   *
   * Its grouping passes read every active journey and every overdue deadline (about 14 ms at
   * 10,000 journeys) while what they count changes only on a write or when a deadline or a London
   * midnight passes, so each answer is kept per scope and filters (KeptAnswers) under the
   * `pipeline_summary_version` read before it is computed: every statement that writes a column
   * the summary reads moves that version in its own transaction (PIPELINE_SUMMARY_READS and the
   * triggers of migrations/1765510000000-PipelineSummaryVersion.ts). A kept answer is also bounded
   * in time: it holds from the instant it was computed until (not at) the next deadline of an open
   * task it could count (which would then be overdue) or the end of today in London (the
   * contracts' 18-month window moves), whichever is first. An at-risk filter (the at-risk
   * condition moves with the clock in ways no bound here follows) is computed afresh each time.
   */
  async summary(scope: PipelineScope, filters: PipelineFilters, now = new Date()): Promise<PipelineSummaryDto> {
    if (filters.atRisk !== undefined) return (await this.computeSummary(scope, filters, now)).summary;
    // Read before computing: an answer is never older than the version it is kept under.
    const [{ version }] = queryRows<{ version: string }>(
      await this.db.query('SELECT sum(version)::text AS version FROM pipeline_summary_version'),
    );
    const key = KeptAnswers.key(scope, filters);
    const kept = this.keptSummaries.get(key, version, now);
    if (kept) {
      kept.asOf = now.toISOString();
      return kept;
    }
    const { summary, until } = await this.computeSummary(scope, filters, now);
    this.keptSummaries.set(key, version, summary, { from: now, until });
    return summary;
  }

  private async computeSummary(
    scope: PipelineScope,
    filters: PipelineFilters,
    now: Date,
  ): Promise<{ summary: PipelineSummaryDto; until: Date }> {
    const [groups, overdue, openEscalations, contracts] = await Promise.all([
      this.summaryGroups(scope, filters),
      this.overdueTasks(scope, filters, now),
      this.openEscalations(scope, filters),
      this.contractCounts(scope, filters, now),
    ]);
    const all = groups.find((g) => g.dim === 'all');
    const dimension = (name: keyof typeof SUMMARY_DIMENSIONS) =>
      tally(
        SUMMARY_DIMENSIONS[name],
        groups.filter((g) => g.dim === name).map((g) => ({ key: String(g.key), n: g.n })),
      );
    const summary: PipelineSummaryDto = {
      total: all?.n ?? 0,
      byPhase: dimension('byPhase'),
      byState: dimension('byState'),
      byServiceArea: dimension('byServiceArea'),
      byRegion: dimension('byRegion'),
      overdueTasks: overdue.n,
      openEscalations,
      staffTransferring: Number(all?.staff ?? 0),
      contractsExpiringWithin18Months: contracts.expiring,
      journeysWithOverdueRenewal: contracts.overdueRenewal,
      asOf: now.toISOString(),
    };
    return { summary, until: overdue.nextDeadline ?? endOfLondonToday(now) };
  }

  /** Active journeys counted per phase, state, service area and region, and in all (with staff still to transfer), in one scan. */
  private async summaryGroups(
    scope: PipelineScope,
    filters: PipelineFilters,
  ): Promise<Array<{ dim: string; key: string | null; n: number; staff: string }>> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: true });
    return this.db.query(
      `SELECT CASE WHEN GROUPING(j.phase) = 0 THEN 'byPhase'
                   WHEN GROUPING(j.state) = 0 THEN 'byState'
                   WHEN GROUPING(j.service_area) = 0 THEN 'byServiceArea'
                   WHEN GROUPING(j.region) = 0 THEN 'byRegion'
                   ELSE 'all' END AS dim,
              coalesce(j.phase, j.state, j.service_area, j.region) AS key,
              count(*)::int AS n,
              coalesce(sum(j.staff_count) FILTER (WHERE ${journeyNotTransferred('j')}), 0)::bigint AS staff
       FROM journeys j WHERE ${where}
       GROUP BY GROUPING SETS ((j.phase), (j.state), (j.service_area), (j.region), ())`,
      p.values,
    );
  }

  /**
   * Open tasks past their deadline on journeys whose clock runs: the overdue end of the open-task
   * deadline index (index-only, with the journey id) hash-joined to the journeys in scope. Also
   * the first instant, before today in London ends, when another of those tasks falls overdue
   * (the same index, from now to the next midnight: only deadlines set to a time of day fall
   * inside; a due date's deadline is a London midnight): until then the count cannot change
   * without a write. Any task the summary counts as overdue (the renewals too) is among these.
   */
  private async overdueTasks(scope: PipelineScope, filters: PipelineFilters, now: Date): Promise<{ n: number; nextDeadline: Date | null }> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: true });
    const at = `${p.add(now.toISOString())}::timestamptz`;
    const end = `${p.add(endOfLondonToday(now).toISOString())}::timestamptz`;
    const [row] = queryRows<{ n: number; next_deadline: Date | null }>(
      await this.db.query(
        `SELECT (SELECT count(*)::int FROM journey_tasks t JOIN journeys j ON j.id = t.journey_id
                WHERE ${taskIsOverdue('t', at)} AND ${journeyClockRuns('j')} AND ${where}) AS n,
              (SELECT min(${taskDeadline('t')}) FROM journey_tasks t JOIN journeys j ON j.id = t.journey_id
                WHERE ${taskIsOpen('t')} AND ${taskDeadline('t')} > ${at} AND ${taskDeadline('t')} < ${end}
                  AND ${journeyClockRuns('j')} AND ${where}) AS next_deadline`,
        p.values,
      ),
    );
    return { n: row.n, nextDeadline: row.next_deadline };
  }

  /**
   * Contracts of active journeys ending from today to 18 months ahead, and journeys (clock running)
   * with an overdue renewal task (`plan_contract_renewal` / `decide_contract_renewal`).
   */
  private async contractCounts(
    scope: PipelineScope,
    filters: PipelineFilters,
    now: Date,
  ): Promise<{ expiring: number; overdueRenewal: number }> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: true });
    const today = `${p.add(todayInLondon(now))}::date`;
    const at = `${p.add(now.toISOString())}::timestamptz`;
    const [row] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM contracts c JOIN journeys j ON j.id = c.journey_id
                WHERE c.end_date >= ${today} AND c.end_date < (${today} + interval '18 months')::date AND ${where}) AS expiring,
              (SELECT count(DISTINCT t.journey_id)::int FROM journey_tasks t JOIN journeys j ON j.id = t.journey_id
                WHERE t.contract_id IS NOT NULL AND t.key IN ('plan_contract_renewal', 'decide_contract_renewal') AND ${taskIsOverdue('t', at)}
                  AND ${where} AND ${journeyClockRuns('j')}) AS overdue_renewal`,
      p.values,
    );
    return { expiring: row.expiring, overdueRenewal: row.overdue_renewal };
  }

  private async openEscalations(scope: PipelineScope, filters: PipelineFilters): Promise<number> {
    const p = new SqlParams();
    const where = journeyConditions(scope, filters, p, { activeOnly: true });
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM escalations e JOIN journeys j ON j.id = e.journey_id WHERE e.status = 'open' AND ${where}`,
      p.values,
    );
    return row.n;
  }

  /**
   * Every journey in scope (withdrawn ones too, unless filtered by state), soonest planned transfer
   * first unless `sort`/`order` say otherwise, with task and escalation counts, days in its state
   * and whether it is at risk (the at-risk list's condition, for the page's rows only).
   */
  async journeys(scope: PipelineScope, q: PipelineJourneysQueryDto, now = new Date()): Promise<PipelineJourneyListDto> {
    const p = new SqlParams();
    const where = journeyConditions(scope, q, p, { activeOnly: false, now });
    const clock = atRiskClock(p, now);
    const counts = journeyCountsSql(clock.at);
    const { sort, order } = resolveSort(JOURNEY_SORTING, q.sort, q.order);
    const orderBy = journeyOrderBy(sort, order, p);
    const [rows, total] = await Promise.all([
      this.db.query(
        `SELECT ${JOURNEY_REF_COLUMNS}, ${JOURNEY_ALL_PARTY_COLUMNS}, ${counts.columns}, ${journeyStateColumns('j', clock.at)},
                ${journeyAtRisk('j', clock)} AS at_risk
         FROM (SELECT j.id FROM journeys j WHERE ${where} ORDER BY ${orderBy} LIMIT ${p.add(q.limit ?? DEFAULT_LIMIT)} OFFSET ${p.add(q.offset ?? 0)}) page
         JOIN journeys j ON j.id = page.id
         ${counts.joins}
         ORDER BY ${orderBy}`,
        p.values,
      ) as Promise<JourneyRowWithCounts[]>,
      this.countJourneys(scope, q, now),
    ]);
    return { items: rows.map(presentPipelineJourney), total };
  }

  /**
   * Journeys at risk (at-risk-sql.ts: the one definition), soonest planned transfer first unless
   * `sort`/`order` say otherwise, each with its reasons:
   * - `transfer_soon_with_open_mandatory_tasks`: not yet transferred, planned transfer within
   *   AT_RISK_TRANSFER_WITHIN_DAYS days of today in London (or already past), and mandatory
   *   spinning-out tasks still open. On-hold journeys count: a hold does not move the date.
   * - `overdue_statutory_task`: an open statutory task past its deadline (not while on hold).
   * - `contract_lost`: a lost contract nothing replaces (not while on hold).
   * The page is cut first; which reasons apply, and their tasks and contracts, are looked up for
   * its rows only.
   */
  async atRisk(scope: PipelineScope, q: AtRiskQueryDto & PipelineFilters, now = new Date()): Promise<AtRiskListDto> {
    const p = new SqlParams();
    const where = journeyConditions(scope, q, p, { activeOnly: true, now });
    const clock = atRiskClock(p, now);
    const reason = atRiskReasonConditions('j', clock);
    const { sort, order } = resolveSort(AT_RISK_SORTING, q.sort, q.order);
    const orderBy = journeyOrderBy(sort, order, p);
    const rows: Array<
      Paged<
        JourneyRefRow & {
          open_mandatory: number | null;
          statutory_tasks: StatutoryTaskRow[] | null;
          lost_contracts: LostContractRow[] | null;
          days_to_transfer: number;
          days_in_state: number;
        }
      >
    > = await this.db.query(
      `SELECT ${JOURNEY_REF_COLUMNS}, page.total, (j.planned_transfer_date - ${clock.today})::int AS days_to_transfer,
              ${journeyStateColumns('j', clock.at)},
              CASE WHEN ${reason.transferSoon} THEN (
                SELECT count(*)::int FROM journey_tasks t WHERE t.journey_id = j.id AND ${openMandatorySpinningOutTask('t')}
              ) END AS open_mandatory,
              CASE WHEN ${reason.overdueStatutory} THEN (
                SELECT json_agg(json_build_object('id', t.id, 'key', t.key, 'title', t.title, 'deadline', ${taskDeadline('t')})
                                ORDER BY ${taskDeadline('t')}, t.key)
                FROM journey_tasks t WHERE t.journey_id = j.id AND ${overdueStatutoryTask('t', clock.at)}
              ) END AS statutory_tasks,
              CASE WHEN ${reason.contractLost} THEN (
                SELECT json_agg(json_build_object('id', c.id, 'title', c.title, 'endDate', to_char(c.end_date, 'YYYY-MM-DD')) ORDER BY c.end_date, c.id)
                FROM contracts c WHERE c.journey_id = j.id AND ${lostUnreplacedContract('c')}
              ) END AS lost_contracts
       FROM (
         SELECT j.id, count(*) OVER () AS total FROM journeys j
         WHERE ${where} AND ${journeyAtRisk('j', clock)}
         ORDER BY ${orderBy} LIMIT ${p.add(q.limit ?? DEFAULT_LIMIT)} OFFSET ${p.add(q.offset ?? 0)}
       ) page
       JOIN journeys j ON j.id = page.id
       ORDER BY ${orderBy}`,
      p.values,
    );
    const items = rows.map((r): AtRiskJourneyDto => ({
      ...presentJourneyRef(r),
      daysInState: r.days_in_state,
      daysToTransfer: r.days_to_transfer,
      reasons: atRiskReasons(r, now),
    }));
    return {
      items,
      total: await this.totalOf(rows, q, async () => (await this.atRisk(scope, { ...q, offset: 0, limit: 1 }, now)).total),
      transferWithinDays: AT_RISK_TRANSFER_WITHIN_DAYS,
    };
  }

  /**
   * Active journeys with no event, task change or escalation step for `days` (default
   * STALLED_AFTER_DAYS), longest idle first. Journeys on hold are included (a long hold deserves a
   * look); journeys that reached `operating` have finished and are not. `sort`/`order` as the
   * journey list's (the default: daysSinceActivity, desc).
   */
  async stalled(scope: PipelineScope, q: StalledQueryDto, now = new Date()): Promise<StalledListDto> {
    const days = q.days ?? this.config.STALLED_AFTER_DAYS;
    const p = new SqlParams();
    const where = journeyConditions(scope, q, p, { activeOnly: true, now });
    const at = `${p.add(now.toISOString())}::timestamptz`;
    const stalled = `${where} AND j.state <> '${FINISHED_STATE}' AND j.last_activity_at < ${at} - make_interval(days => ${p.add(days)}::int)`;
    const countValues = [...p.values];
    const { sort, order } = resolveSort(STALLED_SORTING, q.sort, q.order);
    const orderBy = journeyOrderBy(sort, order, p);
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT ${JOURNEY_REF_COLUMNS}, floor(extract(epoch FROM (${at} - j.last_activity_at)) / 86400)::int AS days_since_activity
         FROM (SELECT j.id FROM journeys j WHERE ${stalled} ORDER BY ${orderBy} LIMIT ${p.add(q.limit ?? DEFAULT_LIMIT)} OFFSET ${p.add(q.offset ?? 0)}) page
         JOIN journeys j ON j.id = page.id
         ORDER BY ${orderBy}`,
        p.values,
      ) as Promise<Array<JourneyRefRow & { days_since_activity: number }>>,
      this.db.query(`SELECT count(*)::int AS n FROM journeys j WHERE ${stalled}`, countValues) as Promise<Array<{ n: number }>>,
    ]);
    const items = rows.map((r) => ({ ...presentJourneyRef(r), daysSinceActivity: r.days_since_activity }));
    return { items, total: count.n, days };
  }

  /** Open escalations on active journeys in scope, oldest first unless `sort`/`order` say otherwise, with their age in whole days. */
  async escalations(scope: PipelineScope, q: EscalationsQueryDto, now = new Date()): Promise<PipelineEscalationListDto> {
    const p = new SqlParams();
    const where = journeyConditions(scope, q, p, { activeOnly: true, now });
    const at = `${p.add(now.toISOString())}::timestamptz`;
    const { sort, order } = resolveSort(ESCALATION_SORTING, q.sort, q.order);
    const orderBy = escalationOrderBy(sort, order);
    const rows: Array<
      Paged<{
        id: string;
        journey_id: string;
        journey_name: string;
        task_id: string | null;
        task_title: string | null;
        trigger: string;
        level: number;
        assigned_organisation_id: string;
        assigned_organisation_name: string;
        reason: string;
        opened_at: Date;
        age_days: number;
      }>
    > = await this.db.query(
      `SELECT e.id, e.journey_id, j.name AS journey_name, e.task_id, e.trigger, e.level, e.assigned_organisation_id, e.reason, e.opened_at, page.total,
              (SELECT t.title FROM journey_tasks t WHERE t.id = e.task_id) AS task_title,
              (SELECT o.name FROM organisations o WHERE o.id = e.assigned_organisation_id) AS assigned_organisation_name,
              floor(extract(epoch FROM (${at} - e.opened_at)) / 86400)::int AS age_days
       FROM (
         SELECT e.id, count(*) OVER () AS total
         FROM escalations e JOIN journeys j ON j.id = e.journey_id
         WHERE e.status = 'open' AND ${where}
         ORDER BY ${orderBy}
         LIMIT ${p.add(q.limit ?? DEFAULT_LIMIT)} OFFSET ${p.add(q.offset ?? 0)}
       ) page
       JOIN escalations e ON e.id = page.id JOIN journeys j ON j.id = e.journey_id
       ORDER BY ${orderBy}`,
      p.values,
    );
    const items = rows.map((r) => ({
      id: r.id,
      journeyId: r.journey_id,
      journeyName: r.journey_name,
      taskId: r.task_id,
      taskTitle: r.task_title,
      trigger: r.trigger,
      level: r.level,
      assignedOrganisationId: r.assigned_organisation_id,
      assignedOrganisationName: r.assigned_organisation_name,
      reason: r.reason,
      openedAt: new Date(r.opened_at).toISOString(),
      ageDays: r.age_days,
    }));
    return {
      items,
      total: await this.totalOf(rows, q, async () => (await this.escalations(scope, { ...q, offset: 0, limit: 1 }, now)).total),
    };
  }

  private async countJourneys(scope: PipelineScope, q: PipelineJourneysQueryDto, now: Date): Promise<number> {
    const p = new SqlParams();
    const where = journeyConditions(scope, q, p, { activeOnly: false, now });
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM journeys j WHERE ${where}`, p.values);
    return row.n;
  }

  /** The window count rides on each row; a page past the end has no rows, so count separately then. */
  private async totalOf(rows: Array<{ total: string | number }>, q: PipelinePageDto, count: () => Promise<number>): Promise<number> {
    if (rows.length) return Number(rows[0].total);
    return (q.offset ?? 0) > 0 ? count() : 0;
  }
}

interface LostContractRow {
  id: string;
  title: string;
  endDate: string;
}

function atRiskReasons(
  r: {
    open_mandatory: number | null;
    statutory_tasks: StatutoryTaskRow[] | null;
    lost_contracts?: LostContractRow[] | null;
    days_to_transfer: number;
  },
  now: Date,
): AtRiskReasonDto[] {
  const reasons: AtRiskReasonDto[] = [];
  if (r.open_mandatory) {
    const when = r.days_to_transfer < 0 ? `was due ${-r.days_to_transfer} days ago` : `is in ${r.days_to_transfer} days`;
    reasons.push({
      code: 'transfer_soon_with_open_mandatory_tasks',
      description: `The planned transfer ${when} and ${r.open_mandatory} mandatory spinning-out ${r.open_mandatory === 1 ? 'task is' : 'tasks are'} still open`,
      openMandatoryTasks: r.open_mandatory,
    });
  }
  if (r.statutory_tasks?.length) {
    const tasks = r.statutory_tasks.map((t) => {
      const deadline = new Date(t.deadline);
      return {
        id: t.id,
        key: t.key,
        title: t.title,
        deadline: deadline.toISOString(),
        daysOverdue: Math.floor((now.getTime() - deadline.getTime()) / DAY_MS),
      };
    });
    reasons.push({
      code: 'overdue_statutory_task',
      description: `Statutory ${tasks.length === 1 ? 'task is' : 'tasks are'} overdue: ${tasks.map((t) => t.title).join('; ')}`,
      tasks,
    });
  }
  if (r.lost_contracts?.length) {
    reasons.push({
      code: 'contract_lost',
      description: `${r.lost_contracts.length === 1 ? 'A contract was' : 'Contracts were'} lost with nothing recorded to replace ${r.lost_contracts.length === 1 ? 'it' : 'them'}: ${r.lost_contracts.map((c) => `${c.title} (ends ${c.endDate})`).join('; ')}`,
      contracts: r.lost_contracts,
    });
  }
  return reasons;
}
