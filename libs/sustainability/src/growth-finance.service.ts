import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { Clock } from '@pathway/platform/clock/clock';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { ENTITY_ROLES } from './entity-dates.service';
import type {
  CreateGrowthFinanceDto,
  GrowthFinanceAmountsDto,
  GrowthFinanceDto,
  GrowthFinanceListDto,
  GrowthFinanceStatus,
  UpdateGrowthFinanceDto,
} from './sustainability.dto';

export interface FinanceRow {
  id: string;
  journey_id: string;
  kind: GrowthFinanceDto['kind'];
  amount_gbp: string;
  funder: string;
  purpose: string | null;
  status: GrowthFinanceStatus;
  sought_on: string;
  secured_on: string | null;
  recorded_by_user_id: string | null;
  created_at: Date;
}

const SELECT = `SELECT id, journey_id, kind, amount_gbp, funder, purpose, status, to_char(sought_on, 'YYYY-MM-DD') AS sought_on,
  to_char(secured_on, 'YYYY-MM-DD') AS secured_on, recorded_by_user_id, created_at FROM growth_finance`;

export const presentFinance = (r: FinanceRow): GrowthFinanceDto => ({
  id: r.id,
  journeyId: r.journey_id,
  kind: r.kind,
  amountGbp: Number(r.amount_gbp),
  funder: r.funder,
  purpose: r.purpose,
  status: r.status,
  soughtOn: r.sought_on,
  securedOn: r.secured_on,
  recordedByUserId: r.recorded_by_user_id,
  recordedAt: new Date(r.created_at).toISOString(),
});

export function amountsOf(items: Array<Pick<GrowthFinanceDto, 'amountGbp' | 'status'>>): GrowthFinanceAmountsDto {
  const sum = (s?: GrowthFinanceStatus) => items.filter((i) => !s || i.status === s).reduce((t, i) => t + i.amountGbp, 0);
  return { count: items.length, soughtGbp: sum(), securedGbp: sum('secured'), declinedGbp: sum('declined') };
}

/**
 * The rules of a growth finance record, on create and on change: a secured record says when
 * (and only a secured one does), nothing is secured before it was sought, and neither date is in
 * the future. Messages name the field.
 */
function problemsOf(r: { status: GrowthFinanceStatus; soughtOn: string; securedOn: string | null }, today: string): string[] {
  const problems: string[] = [];
  if (r.soughtOn > today) problems.push('soughtOn must not be in the future');
  if (r.status === 'secured' && !r.securedOn) problems.push('securedOn is required when status is secured');
  if (r.status !== 'secured' && r.securedOn) problems.push(`securedOn goes only with status secured, not ${r.status}`);
  if (r.securedOn && r.securedOn < r.soughtOn) problems.push('securedOn must not be before soughtOn');
  if (r.securedOn && r.securedOn > today) problems.push('securedOn must not be in the future');
  return problems;
}

/** Growth finance sought and secured (loans, social investment, community shares, grants), with a history row for each change. */
@Injectable()
export class GrowthFinanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(p: Principal, journeyId: string): Promise<GrowthFinanceListDto> {
    await loadVisibleJourney(this.db.manager, p, journeyId);
    const items = queryRows<FinanceRow>(
      await this.db.query(`${SELECT} WHERE journey_id = $1 ORDER BY sought_on, created_at`, [journeyId]),
    ).map(presentFinance);
    return { items, total: items.length, totals: amountsOf(items) };
  }

  async create(p: Principal, journeyId: string, dto: CreateGrowthFinanceDto): Promise<GrowthFinanceDto> {
    return this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      this.assertMayChange(p, j);
      const status = dto.status ?? 'sought';
      const problems = problemsOf({ status, soughtOn: dto.soughtOn, securedOn: dto.securedOn ?? null }, todayInLondon(this.clock.now()));
      if (problems.length) throw new BadRequestError(problems);
      const [row] = queryRows<FinanceRow>(
        await tx.query(
          `INSERT INTO growth_finance (journey_id, kind, amount_gbp, funder, purpose, status, sought_on, secured_on, recorded_by_user_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           RETURNING id, journey_id, kind, amount_gbp, funder, purpose, status, to_char(sought_on, 'YYYY-MM-DD') AS sought_on,
                     to_char(secured_on, 'YYYY-MM-DD') AS secured_on, recorded_by_user_id, created_at`,
          [j.id, dto.kind, dto.amountGbp, dto.funder, dto.purpose || null, status, dto.soughtOn, dto.securedOn ?? null, p.id],
        ),
      );
      await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'growth_finance_recorded',
        data: {
          financeId: row.id,
          kind: row.kind,
          amountGbp: dto.amountGbp,
          funder: row.funder,
          status,
          soughtOn: dto.soughtOn,
          securedOn: dto.securedOn ?? null,
        },
      });
      return presentFinance(row);
    });
  }

  async update(p: Principal, journeyId: string, financeId: string, dto: UpdateGrowthFinanceDto): Promise<GrowthFinanceDto> {
    return this.db.transaction(async (tx) => {
      const j = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      const [row] = queryRows<FinanceRow>(await tx.query(`${SELECT} WHERE id = $1 AND journey_id = $2`, [financeId, journeyId]));
      if (!row) throw new NotFoundError('Growth finance record');
      this.assertMayChange(p, j);
      const before = presentFinance(row);
      const status = dto.status ?? before.status;
      // Leaving secured clears the date unless one is given (which the rules then refuse).
      const securedOn = dto.securedOn !== undefined ? dto.securedOn : status === 'secured' ? before.securedOn : null;
      const next = { ...before, status, securedOn, amountGbp: dto.amountGbp ?? before.amountGbp };
      const problems = problemsOf(next, todayInLondon(this.clock.now()));
      if (problems.length) throw new BadRequestError(problems);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['status', 'securedOn', 'amountGbp'] as const) {
        if (before[key] !== next[key]) changes[key] = { from: before[key], to: next[key] };
      }
      if (!Object.keys(changes).length) return before;
      await tx.query(`UPDATE growth_finance SET status = $2, secured_on = $3, amount_gbp = $4, updated_at = now() WHERE id = $1`, [
        row.id,
        next.status,
        next.securedOn,
        next.amountGbp,
      ]);
      await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'growth_finance_updated',
        data: { financeId: row.id, kind: row.kind, funder: row.funder, changes },
      });
      return next;
    });
  }

  private assertMayChange(p: Principal, j: Parameters<typeof AccessPolicy.actsAs>[1] & { state: string }): void {
    if (!AccessPolicy.actsAs(p, j, ENTITY_ROLES))
      throw new ForbiddenError('Only the mutual’s lead or the central team can record growth finance');
    if (j.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn');
  }
}
