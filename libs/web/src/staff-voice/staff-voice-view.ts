/**
 * What the pages show of staff voice: the latest ballot against the threshold (the same figures
 * the API gives: the domain decides them), the waiver, and the pulse surveys as a line chart
 * (server-rendered SVG geometry, computed here: two linear scales need no library) with the same
 * numbers in a table and in the chart's text alternative. Pure.
 */
import { pct } from '@pathway/domain/staff-voice/ballot';
import { SURVEY_STATEMENTS, SURVEY_STATEMENT_TEXT, type SurveyStatement } from '@pathway/domain/staff-voice/survey';
import type { StaffBallotListDto, StaffSurveyDto } from '@pathway/staff-voice/staff-voice.dto';
import { formatDate, formatNumber } from '../filters';

export const BALLOT_METHOD_LABELS: Record<string, string> = {
  secret_postal: 'Secret postal ballot',
  secret_online: 'Secret online ballot',
  secret_in_person: 'Secret ballot in person',
  show_of_hands: 'Show of hands',
};

export interface BallotSummary {
  heldOn: string;
  method: string;
  turnout: string;
  support: string;
  question: string;
  meetsThreshold: boolean;
  /** Why it falls short, in words, when it does. */
  shortfall: string | null;
  scrutineer: string | null;
}

export interface StaffSupportView {
  latest: BallotSummary | null;
  earlier: number;
  threshold: string;
  met: boolean;
  waiver: { reason: string; at: string; by: string } | null;
}

export function staffSupportView(list: StaffBallotListDto, userNames: ReadonlyMap<string, string> = new Map()): StaffSupportView {
  const { threshold, waiver } = list.staffSupport;
  const b = list.items.at(0);
  const latest: BallotSummary | null = b
    ? {
        heldOn: formatDate(b.heldOn),
        method: BALLOT_METHOD_LABELS[b.method] ?? b.method,
        turnout: `${pct(b.turnout)} (${formatNumber(b.votesFor + b.votesAgainst + b.abstentions)} of ${formatNumber(b.eligible)} eligible staff voted)`,
        support: `${pct(b.supportShare)} (${formatNumber(b.votesFor)} for, ${formatNumber(b.votesAgainst)} against, ${formatNumber(b.abstentions)} abstained)`,
        question: b.question,
        meetsThreshold: b.meetsThreshold,
        shortfall: b.meetsThreshold
          ? null
          : b.method === 'show_of_hands'
            ? 'A show of hands is not a secret ballot, so it cannot show staff support.'
            : [
                b.turnout < threshold.minTurnout ? `turnout ${pct(b.turnout)} is below ${pct(threshold.minTurnout)}` : null,
                b.supportShare < threshold.minSupportShare
                  ? `support ${pct(b.supportShare)} is below ${pct(threshold.minSupportShare)}`
                  : null,
              ]
                .filter(Boolean)
                .join(' and ')
                .replace(/^./, (c) => c.toUpperCase()) + '.',
        scrutineer: b.independentScrutineer,
      }
    : null;
  return {
    latest,
    earlier: Math.max(0, list.items.length - 1),
    threshold: `a secret ballot with a turnout of at least ${pct(threshold.minTurnout)}, and at least ${pct(threshold.minSupportShare)} of those voting for or against in support`,
    met: list.staffSupport.met,
    waiver: waiver
      ? { reason: waiver.reason, at: formatDate(waiver.waivedAt), by: userNames.get(waiver.waivedByUserId) ?? 'the central team' }
      : null,
  };
}

/** The chart's box: the SVG scales to its container (viewBox), so it never overflows a 320 px screen. */
export const SURVEY_CHART = { width: 480, height: 260, left: 52, right: 12, top: 14, bottom: 36 };

/** One series per statement: a colour, and a dash pattern and marker shape so colour is never the only difference. */
const SERIES_STYLE: Record<SurveyStatement, { colour: string; dash: string; marker: 'circle' | 'square' | 'triangle' }> = {
  understand_pension: { colour: '#1d70b8', dash: '', marker: 'circle' },
  support_spin_out: { colour: '#00703c', dash: '8 4', marker: 'square' },
  morale_good: { colour: '#d4351c', dash: '2 4', marker: 'triangle' },
};

export interface SurveyChart {
  width: number;
  height: number;
  title: string;
  desc: string;
  yTicks: Array<{ y: number; label: string }>;
  xTicks: Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }>;
  plot: { left: number; right: number; top: number; bottom: number };
  series: Array<{
    key: SurveyStatement;
    label: string;
    colour: string;
    dash: string;
    marker: string;
    path: string;
    points: Array<{ x: number; y: number; label: string }>;
  }>;
}

export interface SurveysView {
  chart: SurveyChart | null;
  rows: Array<{ heldOn: string; respondents: string; values: string[] }>;
  statements: string[];
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A linear scale from [d0, d1] to [r0, r1] (d0 === d1: the middle of the range). */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return (v) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0));
}

export function surveysView(items: StaffSurveyDto[]): SurveysView {
  const statements = SURVEY_STATEMENTS.map((s) => SURVEY_STATEMENT_TEXT[s]);
  const rows = items.map((s) => ({
    heldOn: formatDate(s.heldOn),
    respondents: `${formatNumber(s.respondents)} of ${formatNumber(s.eligible)}`,
    values: SURVEY_STATEMENTS.map((k) => pct(s.agreement[k])),
  }));
  if (!items.length) return { chart: null, rows, statements };
  const c = SURVEY_CHART;
  const plot = { left: c.left, right: c.width - c.right, top: c.top, bottom: c.height - c.bottom };
  const x = linear(day(items[0].heldOn), day(items[items.length - 1].heldOn), plot.left + 10, plot.right - 10);
  const y = linear(0, 1, plot.bottom, plot.top);
  const series = SURVEY_STATEMENTS.map((key) => {
    const points = items.map((s) => ({
      x: round1(x(day(s.heldOn))),
      y: round1(y(s.agreement[key])),
      label: `${SURVEY_STATEMENT_TEXT[key]}: ${pct(s.agreement[key])} on ${formatDate(s.heldOn)}`,
    }));
    return {
      key,
      label: SURVEY_STATEMENT_TEXT[key],
      ...SERIES_STYLE[key],
      path: points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' '),
      points,
    };
  });
  // At most five date labels, always the first and the last.
  const step = Math.max(1, Math.ceil(items.length / 5));
  const xTicks = items
    .map((s, i) => ({ i, x: round1(x(day(s.heldOn))), label: formatDate(s.heldOn) }))
    .filter(({ i }) => i % step === 0 || i === items.length - 1)
    // The first and last labels hang inwards from their point, so neither is cut off at the edge.
    .map(({ i, x: px, label }) => ({
      x: px,
      label,
      anchor:
        items.length === 1
          ? ('middle' as const)
          : i === 0
            ? ('start' as const)
            : i === items.length - 1
              ? ('end' as const)
              : ('middle' as const),
    }));
  const desc = items
    .map(
      (s) =>
        `${formatDate(s.heldOn)} (${formatNumber(s.respondents)} of ${formatNumber(s.eligible)} staff answered): ${SURVEY_STATEMENTS.map((k) => `“${SURVEY_STATEMENT_TEXT[k]}” ${pct(s.agreement[k])}`).join(', ')}`,
    )
    .join('; ');
  return {
    chart: {
      width: c.width,
      height: c.height,
      title: 'Staff agreeing with each statement, by survey',
      desc: `Share of respondents agreeing, survey by survey. ${desc}.`,
      yTicks: [0, 0.25, 0.5, 0.75, 1].map((v) => ({ y: round1(y(v)), label: `${v * 100}%` })),
      xTicks,
      plot,
      series,
    },
    rows,
    statements,
  };
}
