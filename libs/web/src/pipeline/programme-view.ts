/**
 * The pipeline page's programme section (views/pipeline/_programme.njk): where journeys are (a
 * funnel by phase and state), how the pipeline moves (trends per quarter), where journeys wait
 * (median days per state), support spent next to progress, and advisers' recent activity. Each
 * chart comes from libs/web/src/charts and has a table of the same numbers. Pure.
 */
import { PHASE_STATES, PHASES, type Phase } from '@pathway/domain/vocabulary';
import type { DurationsDto, TrendsDto } from '@pathway/pipeline/programme/programme.dto';
import type { SupportTotalsDto } from '@pathway/support/dto/support.dto';
import type { AdviserActivityRow } from '@pathway/support/support.repository';
import { barChart, funnelChart, lineChart } from '../charts/svg-charts';
import { label } from '../labels';

export const gbp = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;
export const days = (n: number) => `${n.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${n === 1 ? 'day' : 'days'}`;
const count = (n: number) => n.toLocaleString('en-GB');

/** The trend counts charted and tabled, in order, with their names. */
export const TREND_SERIES = [
  ['journeysStarted', 'Journeys started'],
  ['expressionsSubmitted', 'Expressions of interest submitted'],
  ['expressionsAccepted', 'Expressions of interest accepted'],
  ['expressionsDeclined', 'Expressions of interest declined'],
  ['transfersCompleted', 'Transfers completed'],
  ['withdrawn', 'Withdrawn'],
] as const;
/** Charted (the rest are in the table only, so the lines stay readable). */
const CHARTED = ['journeysStarted', 'expressionsSubmitted', 'transfersCompleted', 'withdrawn'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "January to March 2026" (a quarter) or "January 2026" (a month), from the period's first and last days. */
export function periodName(start: string, end: string): string {
  const [sy, sm] = start.split('-').map(Number);
  const [ey, em] = end.split('-').map(Number);
  if (sy === ey && sm === em) return `${MONTHS[sm - 1]} ${sy}`;
  return sy === ey ? `${MONTHS[sm - 1]} to ${MONTHS[em - 1]} ${ey}` : `${MONTHS[sm - 1]} ${sy} to ${MONTHS[em - 1]} ${ey}`;
}

/** Axis labels: Q1..Q4 (calendar quarters) or the month's first three letters; the year under the first and wherever it changes. */
function ticks(periods: TrendsDto['periods'], interval: string) {
  return periods.map((p, i) => {
    const [y, m] = p.start.split('-').map(Number);
    const line1 = interval === 'quarter' ? `Q${Math.floor((m - 1) / 3) + 1}` : MONTHS[m - 1].slice(0, 3);
    const prevYear = i > 0 ? Number(periods[i - 1].start.slice(0, 4)) : null;
    return { line1, ...(prevYear !== y ? { line2: String(y) } : {}) };
  });
}

export interface ProgrammeInput {
  summary: { total: number; byPhase: Record<string, number>; byState: Record<string, number>; byServiceArea: Record<string, number> };
  trends: TrendsDto;
  durations: DurationsDto;
  support: SupportTotalsDto;
  activity: AdviserActivityRow[];
  /** The page's filters as a query string ('' or '?...'), for the CSV links. */
  query: string;
}

export function programmeView(i: ProgrammeInput) {
  // Where journeys are: each phase's states in pathway order (on hold and withdrawn belong to no one stage).
  const groups = PHASES.map((phase: Phase) => ({
    label: label(phase, 'phase'),
    total: i.summary.byPhase[phase] ?? 0,
    stages: PHASE_STATES[phase]
      .filter((s) => s !== 'on_hold' && s !== 'withdrawn')
      .map((s) => ({ key: s, label: label(s, 'state'), value: i.summary.byState[s] ?? 0 })),
  }));
  const onHold = i.summary.byState.on_hold ?? 0;
  const funnel = {
    svg: funnelChart({
      id: 'chart-funnel',
      title: 'Active journeys by phase and status',
      summary: `Where the ${count(i.summary.total)} active journeys are now, by phase and status in pathway order.`,
      groups,
      footnote: { label: 'On hold (in any phase)', value: onHold },
      format: count,
    }),
    rows: [
      ...groups.flatMap((g) => g.stages.map((s) => ({ phase: g.label, state: s.label, journeys: s.value }))),
      { phase: 'Any', state: label('on_hold', 'state'), journeys: onHold },
    ],
  };

  const periods = i.trends.periods;
  const names = periods.map((p) => periodName(p.start, p.end));
  const trends = {
    interval: i.trends.interval,
    from: i.trends.from,
    to: i.trends.to,
    range: `${periodName(periods[0].start, periods[0].start)} to ${periodName(periods[periods.length - 1].end, periods[periods.length - 1].end)}`,
    svg: lineChart({
      id: 'chart-trends',
      title: `Trends per ${i.trends.interval}`,
      summary: `Journeys started, expressions of interest submitted, transfers completed and journeys withdrawn per ${i.trends.interval}${
        i.trends.interval === 'quarter' ? ' (calendar quarters: Q1 is January to March)' : ''
      }. Expressions accepted and declined are in the table.`,
      periods: names,
      ticks: ticks(periods, i.trends.interval),
      series: TREND_SERIES.filter(([k]) => CHARTED.includes(k)).map(([k, name]) => ({ name, values: periods.map((p) => p[k]) })),
      format: count,
    }),
    head: TREND_SERIES.map(([, name]) => name),
    rows: periods.map((p, n) => ({ period: names[n], cells: TREND_SERIES.map(([k]) => p[k]) })),
    csvHref: `/pipeline/trends.csv${i.query}`,
  };

  const states = Object.keys(i.durations.byState);
  const durations = {
    svg: barChart({
      id: 'chart-durations',
      title: 'Median days in each status',
      summary:
        'The median of the days each journey has spent in each status, counted from the history (a journey still in a status counts its time so far).',
      categories: states.map((s) => label(s, 'state')),
      series: [{ name: 'Median days', values: states.map((s) => i.durations.byState[s].medianDays) }],
      format: days,
    }),
    rows: states.map((s) => {
      const d = i.durations.byState[s];
      return {
        state: label(s, 'state'),
        journeys: d.journeys,
        median: d.medianDays === null ? '–' : days(d.medianDays),
        p90: d.p90Days === null ? '–' : days(d.p90Days),
      };
    }),
  };

  const breakdown = (dimension: string) => i.support.breakdown.filter((b) => b.dimension === dimension);
  const spend = (dimension: 'phase' | 'serviceArea', keys: readonly string[], journeys: Record<string, number>) =>
    keys.map((key) => {
      const b = breakdown(dimension).find((x) => x.key === key);
      return {
        label: label(key, dimension),
        journeys: journeys[key] ?? 0,
        supported: b?.journeys ?? 0,
        awarded: gbp(b?.amountGbp ?? 0),
        matched: gbp(b?.matchedFundingGbp ?? 0),
      };
    });
  const areas = Object.keys(i.support.byServiceArea).filter(
    (k) => (i.summary.byServiceArea[k] ?? 0) > 0 || breakdown('serviceArea').some((b) => b.key === k),
  );
  const support = {
    total: gbp(i.support.totalAwardedGbp),
    matched: gbp(i.support.totalMatchedFundingGbp),
    awards: i.support.awards,
    journeys: i.support.journeys,
    byPhase: spend('phase', PHASES, i.summary.byPhase),
    byServiceArea: spend('serviceArea', areas, i.summary.byServiceArea),
    byProvider: breakdown('provider').map((b) => ({
      label: b.name ?? b.key,
      awards: b.awards,
      journeys: b.journeys,
      awarded: gbp(b.amountGbp),
      matched: gbp(b.matchedFundingGbp),
    })),
    byKind: breakdown('kind').map((b) => ({
      label: b.key.charAt(0).toUpperCase() + b.key.slice(1),
      awards: b.awards,
      awarded: gbp(b.amountGbp),
    })),
    csvHref: `/pipeline/support-awards.csv${i.query}`,
  };

  const activity = i.activity.map((a) => {
    const d = a.data as {
      taskId?: string;
      title?: string;
      comment?: string;
      added?: Array<{ name: string }>;
      removed?: Array<{ name: string }>;
    };
    const who = a.actor_name ? `${a.actor_name}${a.actor_organisation_name ? ` (${a.actor_organisation_name})` : ''}` : 'A former user';
    return a.type === 'task_comment_added'
      ? {
          at: new Date(a.at).toISOString(),
          journeyId: a.journey_id,
          journeyName: a.journey_name,
          who,
          what: `commented on ‘${d.title ?? 'a task'}’`,
          detail: d.comment ?? '',
          href: d.taskId ? `/journeys/${a.journey_id}/tasks/${d.taskId}#evidence` : `/journeys/${a.journey_id}`,
        }
      : {
          at: new Date(a.at).toISOString(),
          journeyId: a.journey_id,
          journeyName: a.journey_name,
          who,
          what: 'changed the advisers',
          detail: [
            d.added?.length ? `Added ${d.added.map((x) => x.name).join(', ')}` : '',
            d.removed?.length ? `Removed ${d.removed.map((x) => x.name).join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('. '),
          href: `/journeys/${a.journey_id}#history-heading`,
        };
  });

  return { funnel, trends, durations, support, activity };
}
