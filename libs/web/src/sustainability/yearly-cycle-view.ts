import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { ENTITY_ROLES } from '@pathway/sustainability/entity-dates.service';
import { GrowthFinanceService } from '@pathway/sustainability/growth-finance.service';
import type { GrowthFinanceDto } from '@pathway/sustainability/sustainability.dto';
import { cycleDatesOf, entityDatesOf } from '@pathway/sustainability/yearly-cycle.service';
import { taskListStatus } from '../task-status';

const KIND_LABELS: Record<GrowthFinanceDto['kind'], string> = {
  loan: 'Loan',
  social_investment: 'Social investment',
  community_shares: 'Community shares',
  grant: 'Grant',
};
const STATUS_LABELS: Record<GrowthFinanceDto['status'], string> = { sought: 'Sought', secured: 'Secured', declined: 'Declined' };
const gbp = (n: number) => `£${n.toLocaleString('en-GB')}`;

export interface CycleTaskLike {
  id: string;
  key: string;
  title: string;
  status: string;
  dueDate: string | null;
  overdue?: boolean;
}

export interface YearlyCycleView {
  show: boolean;
  entity: { incorporationDate: string | null; accountingReferenceDate: string | null; estimated: boolean; editHref: string | null };
  years: Array<{
    year: number;
    heading: string;
    items: Array<{ title: string; href: string; dueDate: string | null; overdue: boolean; status: ReturnType<typeof taskListStatus> }>;
  }>;
  finance: {
    rows: Array<{ kind: string; amount: string; funder: string; status: string; soughtOn: string; securedOn: string | null }>;
    totals: { sought: string; secured: string } | null;
    newHref: string | null;
  };
}

const YEAR_KEY = /_year_(\d+)$/;

/** Pure: the journey page's section on the yearly cycle, from what the services returned. */
export function yearlyCycleView(input: {
  journeyId: string;
  phase: string;
  tasks: CycleTaskLike[];
  cycleKeys: string[];
  entity: { incorporationDate: string | null; accountingReferenceDate: string | null };
  canEdit: boolean;
  registered: boolean;
  finance: GrowthFinanceDto[];
  yearsShown?: number;
}): YearlyCycleView {
  const byYear = new Map<number, CycleTaskLike[]>();
  for (const t of input.tasks) {
    const m = YEAR_KEY.exec(t.key);
    if (!m || !input.cycleKeys.some((k) => t.key === `${k}_year_${m[1]}`)) continue;
    const year = Number(m[1]);
    byYear.set(year, [...(byYear.get(year) ?? []), t]);
  }
  const years = [...byYear.keys()]
    .sort((a, b) => b - a)
    .slice(0, input.yearsShown ?? 2)
    .map((year) => ({
      year,
      heading: `Year ${year} of operation`,
      items: byYear
        .get(year)!
        .slice()
        .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
        .map((t) => ({
          title: t.title,
          href: `/journeys/${input.journeyId}/tasks/${t.id}`,
          dueDate: t.dueDate,
          overdue: !!t.overdue && !['completed', 'not_applicable'].includes(t.status),
          status: taskListStatus(t.status),
        })),
    }));
  const secured = input.finance.filter((f) => f.status === 'secured').reduce((s, f) => s + f.amountGbp, 0);
  return {
    show: input.phase !== 'pre_spin_out' || input.finance.length > 0,
    entity: {
      ...input.entity,
      estimated: !input.entity.incorporationDate,
      editHref: input.canEdit && input.registered ? `/journeys/${input.journeyId}/entity` : null,
    },
    years,
    finance: {
      rows: input.finance.map((f) => ({
        kind: KIND_LABELS[f.kind],
        amount: gbp(f.amountGbp),
        funder: f.funder,
        status: STATUS_LABELS[f.status],
        soughtOn: f.soughtOn,
        securedOn: f.securedOn,
      })),
      totals: input.finance.length ? { sought: gbp(input.finance.reduce((s, f) => s + f.amountGbp, 0)), secured: gbp(secured) } : null,
      newHref: input.canEdit ? `/journeys/${input.journeyId}/growth-finance/new` : null,
    },
  };
}

/** Loads what the section needs and builds it (one call from the journey page). */
@Injectable()
export class YearlyCycleViewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly finance: GrowthFinanceService,
  ) {}

  async view(p: Principal, journey: JourneyEntity, tasks: CycleTaskLike[], cycleKeys: string[]): Promise<YearlyCycleView> {
    const [stored, finance] = await Promise.all([entityDatesOf(this.db.manager, journey.id), this.finance.list(p, journey.id)]);
    const registered = !!journey.eventDates.register_legal_entity;
    const estimated = registered ? cycleDatesOf(journey, stored) : null;
    return yearlyCycleView({
      journeyId: journey.id,
      phase: journey.phase,
      tasks,
      cycleKeys,
      entity: {
        incorporationDate: stored.incorporationDate ?? null,
        accountingReferenceDate:
          stored.accountingReferenceDate ?? (stored.incorporationDate ? null : (estimated?.accountingReferenceDate ?? null)),
      },
      canEdit: AccessPolicy.actsAs(p, journey, ENTITY_ROLES) && journey.state !== 'withdrawn',
      registered,
      finance: finance.items,
    });
  }
}
