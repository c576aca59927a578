import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { journeyConditions, type PipelineScope } from '@pathway/pipeline/pipeline-scope';
import { SqlParams, taskDeadline, taskIsOpen } from '@pathway/database/journey-sql';
import type { ContractExpiriesQueryDto, ContractExpiryListDto } from './contract-expiries.dto';

/**
 * Contracts of active journeys ending within a window, soonest first, with where their renewal
 * stands: the next open renewal task by deadline, or, with none open, whether the contract had any
 * (then they are all done). One lateral per contract of the page over journey_tasks_contract_idx.
 */
@Injectable()
export class ContractExpiriesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async expiries(scope: PipelineScope, q: ContractExpiriesQueryDto, now = new Date()): Promise<ContractExpiryListDto> {
    const withinMonths = q.withinMonths ?? 18;
    const p = new SqlParams();
    const where = journeyConditions(scope, q, p, { activeOnly: true });
    const today = `${p.add(todayInLondon(now))}::date`;
    const at = `${p.add(now.toISOString())}::timestamptz`;
    const rows: Array<{
      journey_id: string;
      journey_name: string;
      contract_id: string;
      title: string;
      end_date: string;
      route: string;
      annual_value_gbp: string;
      outcome: string | null;
      days_to_end: number;
      task_key: string | null;
      task_status: string | null;
      task_overdue: boolean | null;
      any_tasks: boolean;
      total: string;
    }> = await this.db.query(
      `WITH hits AS (
         SELECT c.id, c.journey_id, c.title, c.end_date, c.route, c.annual_value_gbp, c.outcome, j.name AS journey_name, count(*) OVER () AS total
         FROM contracts c JOIN journeys j ON j.id = c.journey_id
         WHERE c.end_date >= ${today} AND c.end_date < (${today} + make_interval(months => ${p.add(withinMonths)}::int))::date AND ${where}
         ORDER BY c.end_date, c.title, c.id
         LIMIT ${p.add(q.limit ?? 100)} OFFSET ${p.add(q.offset ?? 0)}
       )
       SELECT h.journey_id, h.journey_name, h.id AS contract_id, h.title, to_char(h.end_date, 'YYYY-MM-DD') AS end_date, h.route, h.annual_value_gbp, h.outcome,
              (h.end_date - ${today})::int AS days_to_end, h.total,
              CASE WHEN nt.open THEN nt.key END AS task_key, CASE WHEN nt.open THEN nt.status END AS task_status,
              CASE WHEN nt.open THEN nt.overdue END AS task_overdue, nt.key IS NOT NULL AS any_tasks
       FROM hits h
       LEFT JOIN LATERAL (
         SELECT t.key, t.status, ${taskIsOpen('t')} AS open, ${taskDeadline('t')} <= ${at} AS overdue FROM journey_tasks t
         WHERE t.contract_id = h.id AND t.key IN ('plan_contract_renewal', 'decide_contract_renewal')
         ORDER BY ${taskIsOpen('t')} DESC, ${taskDeadline('t')}, CASE t.key WHEN 'plan_contract_renewal' THEN 0 ELSE 1 END LIMIT 1
       ) nt ON true
       ORDER BY h.end_date, h.title, h.id`,
      p.values,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && (q.offset ?? 0) > 0) total = (await this.expiries(scope, { ...q, offset: 0, limit: 1 }, now)).total;
    return {
      items: rows.map((r) => ({
        journeyId: r.journey_id,
        journeyName: r.journey_name,
        contractId: r.contract_id,
        title: r.title,
        endDate: r.end_date,
        route: r.route,
        annualValueGbp: Number(r.annual_value_gbp),
        renewalTaskStatus: r.task_status ?? (r.any_tasks ? 'completed' : 'none'),
        renewalTaskKey: r.task_key,
        renewalTaskOverdue: !!r.task_overdue,
        outcome: r.outcome,
        daysToEnd: r.days_to_end,
      })),
      total,
      withinMonths,
    };
  }
}
