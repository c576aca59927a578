import { Injectable } from '@nestjs/common';
import { JOURNEY_STATES } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { DurationsDto } from '@pathway/pipeline/programme/programme.dto';
import { ProgrammeService } from '@pathway/pipeline/programme/programme.service';
import { AdvisersService } from '@pathway/support/advisers.service';
import { SupportAwardsService } from '@pathway/support/support-awards.service';
import type { AdviserAssignmentDto, SupportAwardDto } from '@pathway/support/dto/support.dto';
import { barChart } from '../charts/svg-charts';
import { label } from '../labels';
import { days, gbp } from '../pipeline/programme-view';

/** How long the programme-wide medians are reused between journey pages (they move slowly; computing them reads every journey's history). */
export const MEDIANS_TTL_MS = 60_000;

export interface TimeInStatesView {
  svg: string | null;
  rows: Array<{ state: string; days: string; median: string; journeys: number; current: boolean }>;
}

/** The journey's own days in each status it has been in, against the median over every journey (paired bars and a table). Pure. */
export function timeInStatesView(own: Record<string, number>, medians: DurationsDto, currentState: string): TimeInStatesView {
  const states = JOURNEY_STATES.filter((s) => s !== 'withdrawn' && own[s] !== undefined);
  const rows = states.map((s) => {
    const m = medians.byState[s];
    return {
      state: label(s, 'state'),
      days: days(own[s]),
      median: m?.medianDays === null || m?.medianDays === undefined ? '–' : days(m.medianDays),
      journeys: m?.journeys ?? 0,
      current: s === currentState,
    };
  });
  // Bars of nothing say nothing: under a day everywhere (a new journey), the table alone says so.
  const known: Partial<Record<string, { medianDays: number | null }>> = medians.byState;
  const anything = states.some((s) => own[s] >= 1 || (known[s]?.medianDays ?? 0) >= 1);
  if (!states.length || !anything) return { svg: null, rows };
  return {
    svg: barChart({
      id: 'chart-time-in-states',
      title: 'Days in each status: this journey and the median',
      summary:
        'Days this journey has spent in each status it has been in (its current status counts its time so far), each beside the median over every journey in the programme.',
      categories: states.map((s) => `${label(s, 'state')}${s === currentState ? ' (now)' : ''}`),
      series: [
        { name: 'This journey', values: states.map((s) => own[s]) },
        { name: 'Median of all journeys', values: states.map((s) => medians.byState[s]?.medianDays ?? null) },
      ],
      format: days,
    }),
    rows,
  };
}

export interface JourneySupportView {
  awards: Array<{
    kind: string;
    provider: string;
    amount: string;
    matched: string;
    awardedOn: string;
    endsOn: string | null;
    purpose: string;
  }>;
  totalAwarded: string;
  totalMatched: string;
  advisers: Array<{ name: string; since: string }>;
}

export function journeySupportView(awards: SupportAwardDto[], advisers: AdviserAssignmentDto[]): JourneySupportView {
  return {
    awards: awards.map((a) => ({
      kind: a.kind.charAt(0).toUpperCase() + a.kind.slice(1),
      provider: a.providerOrganisationName,
      amount: gbp(a.amountGbp),
      matched: gbp(a.matchedFundingGbp),
      awardedOn: a.awardedOn,
      endsOn: a.endsOn,
      purpose: a.purpose,
    })),
    totalAwarded: gbp(awards.reduce((s, a) => s + a.amountGbp, 0)),
    totalMatched: gbp(awards.reduce((s, a) => s + a.matchedFundingGbp, 0)),
    advisers: advisers.map((a) => ({ name: a.organisationName, since: a.assignedAt })),
  };
}

/**
 * The journey page's programme sections (views/journeys/_time-in-states.njk and _support.njk):
 * from ProgrammeService, SupportAwardsService and AdvisersService, which check the caller may see
 * the journey.
 */
@Injectable()
export class JourneyProgrammeSections {
  private medians: { at: number; value: Promise<DurationsDto> } | null = null;

  constructor(
    private readonly programme: ProgrammeService,
    private readonly awards: SupportAwardsService,
    private readonly advisers: AdvisersService,
  ) {}

  async sections(p: Principal, journey: { id: string; state: string }) {
    const [awards, advisers, own, medians] = await Promise.all([
      this.awards.list(p, journey.id),
      this.advisers.list(p, journey.id),
      this.programme.journeyStateDays(journey.id),
      this.programmeMedians(),
    ]);
    return {
      /** Advisers see the journey and comment; the page offers them nothing they would be refused. */
      viewerIsAdviser: AccessPolicy.isAdviser(p),
      timeInStates: timeInStatesView(own, medians, journey.state),
      support: journeySupportView(awards.items, advisers),
    };
  }

  /** The medians over every journey (not the viewer's pipeline scope: a figure about the whole programme, naming no journey). */
  private programmeMedians(): Promise<DurationsDto> {
    const now = Date.now();
    if (!this.medians || now - this.medians.at > MEDIANS_TTL_MS) {
      const value = this.programme.durations({ departmentId: null }, {});
      value.catch(() => (this.medians = null));
      this.medians = { at: now, value };
    }
    return this.medians.value;
  }
}
