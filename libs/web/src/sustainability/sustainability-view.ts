/**
 * The journey page's contracts register and results, arranged for the templates: rows of text,
 * and for each measure a small horizontal bar chart (barChart of libs/web/src/charts: server-rendered
 * SVG, no client JavaScript). Pure; the numbers come from the services.
 */
import { MEASURE_INFO, RESULT_MEASURES, type ResultMeasure } from '@pathway/domain/sustainability/results';
import { OUTCOME_LABELS } from '@pathway/domain/sustainability/renewal';
import { barChart } from '../charts/svg-charts';
import type { ContractDto } from '@pathway/contracts/contract.dto';
import type { JourneyResultsDto } from '@pathway/results/results.dto';

const ROUTE_LABELS: Record<string, string> = {
  direct_award: 'Direct award',
  reserved_mutual: 'Reserved to mutuals (Procurement Act 2023 s.33)',
  open_competition: 'Open competition',
  provider_selection_regime: 'Provider Selection Regime (NHS)',
  extension: 'Extension',
  grant_agreement: 'Grant agreement',
};
const TASK_LABELS: Record<string, string> = { plan_contract_renewal: 'Plan renewal', decide_contract_renewal: 'Decide renewal' };
const STATUS_LABELS: Record<string, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  not_applicable: 'Not applicable',
  cannot_start_yet: 'Cannot start yet',
};

const gbp = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;
const ukDate = (d: string) =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatMeasure(m: ResultMeasure, v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  switch (MEASURE_INFO[m].unit) {
    case 'percent':
      return `${v.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
    case 'gbp':
      return gbp(v);
    case 'count':
      return v.toLocaleString('en-GB');
    default:
      return v.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  }
}

export function formatChange(m: ResultMeasure, change: number): string {
  const info = MEASURE_INFO[m];
  const size = Math.abs(change);
  if (size === 0) return 'No change';
  const amount =
    info.unit === 'percent' ? `${size.toLocaleString('en-GB', { maximumFractionDigits: 1 })} percentage points` : formatMeasure(m, size);
  const better = change > 0 === info.higherIsBetter;
  return `${change > 0 ? 'Up' : 'Down'} ${amount} (${better ? 'better' : 'worse'})`;
}

export interface ContractRow {
  id: string;
  title: string;
  route: string;
  term: string;
  annualValue: string;
  renewal: string;
  outcome: string;
  warnings: string[];
}

export function contractRows(contracts: ContractDto[]): ContractRow[] {
  return contracts.map((c) => {
    const next = c.renewalTasks.find((t) => !['completed', 'not_applicable'].includes(t.status));
    return {
      id: c.id,
      title: c.title,
      route: ROUTE_LABELS[c.route] ?? c.route,
      term: `${ukDate(c.startDate)} to ${ukDate(c.endDate)} (${c.termMonths} months${c.extensionMonths ? `, plus up to ${c.extensionMonths} months’ extension` : ''})`,
      annualValue: gbp(c.annualValueGbp),
      renewal: next
        ? `${TASK_LABELS[next.key] ?? next.key}: ${STATUS_LABELS[next.status] ?? next.status}${next.dueDate ? `, due ${ukDate(next.dueDate)}` : ''}`
        : c.renewalTasks.length
          ? 'Done'
          : 'None',
      outcome: c.outcome ? (OUTCOME_LABELS[c.outcome as keyof typeof OUTCOME_LABELS] ?? c.outcome) : 'Not decided',
      warnings: c.warnings.map((w) => w.message),
    };
  });
}

export interface MeasureChart {
  id: string;
  title: string;
  description: string;
  /** The chart as SVG markup (libs/web/src/charts), printed with `| safe`. */
  svg: string;
}

export interface ResultsView {
  periods: string[];
  /** Figures by year: one row per measure with any figure, a cell per period. */
  table: Array<{ measure: string; cells: string[] }>;
  comparison: Array<{ measure: string; baseline: string; latest: string; latestPeriod: string; change: string }>;
  charts: MeasureChart[];
  socialValue: Array<{ period: string; text: string }>;
}

const periodLabel = (p: string) => (p === 'baseline' ? 'Baseline' : p);

export function resultsView(r: JourneyResultsDto): ResultsView {
  const periods = r.items.map((i) => i.period);
  const measures = RESULT_MEASURES.filter((m) => r.items.some((i) => i[m] !== null));
  const charts = measures
    .filter((m) => r.comparison[m])
    .map((m): MeasureChart => {
      const points = r.items.filter((i) => i[m] !== null).map((i) => ({ period: i.period, value: i[m] as number }));
      const c = r.comparison[m];
      const description = `${MEASURE_INFO[m].label}: baseline ${formatMeasure(m, c.baseline)}, ${c.latestPeriod} ${formatMeasure(m, c.latest)}. ${formatChange(m, c.change)}.`;
      return {
        id: `chart-${m}`,
        title: MEASURE_INFO[m].label,
        description,
        svg: barChart({
          id: `chart-${m}`,
          title: MEASURE_INFO[m].label,
          summary: description,
          categories: points.map((p) => periodLabel(p.period)),
          series: [{ name: MEASURE_INFO[m].label, values: points.map((p) => p.value) }],
          format: (v) => formatMeasure(m, v),
        }),
      };
    });
  return {
    periods: periods.map(periodLabel),
    table: measures.map((m) => ({ measure: MEASURE_INFO[m].label, cells: r.items.map((i) => formatMeasure(m, i[m])) })),
    comparison: measures
      .filter((m) => r.comparison[m])
      .map((m) => {
        const c = r.comparison[m];
        return {
          measure: MEASURE_INFO[m].label,
          baseline: formatMeasure(m, c.baseline),
          latest: formatMeasure(m, c.latest),
          latestPeriod: c.latestPeriod,
          change: formatChange(m, c.change),
        };
      }),
    charts,
    socialValue: r.items.filter((i) => i.socialValue).map((i) => ({ period: periodLabel(i.period), text: i.socialValue as string })),
  };
}

export interface MedianRow {
  label: string;
  journeys: number;
  baseline: string;
  latest: string;
  change: string;
}

export interface PipelineSustainabilityView {
  expiries: {
    withinMonths: number;
    total: number;
    items: Array<{ journeyId: string; journeyName: string; title: string; endDate: string; annualValue: string; renewal: string }>;
  };
  results: { journeys: number; measures: MedianRow[]; byServiceArea: Array<{ area: string; journeys: number; measures: MedianRow[] }> };
}

function medianRows(
  measures: Record<string, { journeys: number; medianBaseline: number | null; medianLatest: number | null; medianChange: number | null }>,
): MedianRow[] {
  return RESULT_MEASURES.filter((m) => measures[m]?.journeys).map((m) => {
    const x = measures[m];
    const signed =
      x.medianChange === null
        ? '–'
        : `${x.medianChange > 0 ? '+' : x.medianChange < 0 ? '−' : ''}${formatMeasure(m, Math.abs(x.medianChange))}`;
    return {
      label: MEASURE_INFO[m].label,
      journeys: x.journeys,
      baseline: formatMeasure(m, x.medianBaseline),
      latest: formatMeasure(m, x.medianLatest),
      change: MEASURE_INFO[m].unit === 'percent' ? signed.replace('%', ' pts') : signed,
    };
  });
}

/** The pipeline page's contracts-ending-soon list and results medians. */
export function pipelineSustainabilityView(
  expiries: {
    withinMonths: number;
    total: number;
    items: Array<{
      journeyId: string;
      journeyName: string;
      title: string;
      endDate: string;
      annualValueGbp: number;
      renewalTaskKey: string | null;
      renewalTaskStatus: string;
      renewalTaskOverdue: boolean;
    }>;
  },
  results: {
    journeys: number;
    measures: Record<string, never>;
    byServiceArea: Record<string, { journeys: number; measures: Record<string, never> }>;
  },
  areaLabel: (key: string) => string,
): PipelineSustainabilityView {
  return {
    expiries: {
      withinMonths: expiries.withinMonths,
      total: expiries.total,
      items: expiries.items.map((c) => ({
        journeyId: c.journeyId,
        journeyName: c.journeyName,
        title: c.title,
        endDate: c.endDate,
        annualValue: gbp(c.annualValueGbp),
        renewal: c.renewalTaskKey
          ? `${TASK_LABELS[c.renewalTaskKey] ?? c.renewalTaskKey}: ${STATUS_LABELS[c.renewalTaskStatus] ?? c.renewalTaskStatus}${c.renewalTaskOverdue ? ' (overdue)' : ''}`
          : c.renewalTaskStatus === 'completed'
            ? 'Done'
            : 'No renewal tasks',
      })),
    },
    results: {
      journeys: results.journeys,
      measures: medianRows(results.measures),
      byServiceArea: Object.entries(results.byServiceArea)
        .filter(([, r]) => r.journeys > 0)
        .map(([area, r]) => ({ area: areaLabel(area), journeys: r.journeys, measures: medianRows(r.measures) }))
        .sort((a, b) => a.area.localeCompare(b.area)),
    },
  };
}
