/**
 * The one way Pathway draws charts: server-rendered SVG strings, positioned with d3-scale and
 * (for lines) shaped with d3-shape, with no client-side JavaScript. Every chart is an image
 * (`role="img"`) named by its `<title>` and described by a `<desc>` that states every number it
 * shows, and every page that shows one also shows the same numbers in a table.
 *
 * Legible at any width: horizontal positions are percentages of the chart's width (the SVG is
 * 100% wide with no viewBox), so text keeps its size on a 320 px screen instead of shrinking with
 * the drawing; only the lines of a line chart are drawn in a stretched inner viewBox, with
 * non-scaling strokes. Pure functions: the numbers come from the services.
 *
 * Exports: `barChart` (horizontal bars, one or more series per category, e.g. a journey against
 * the pipeline's median), `lineChart` (series over periods), `funnelChart` (stages grouped, centred
 * bars). Templates print the returned string with `| safe`: every text in it is escaped here.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

/** GOV.UK palette: text, then series colours (blue, dark grey, orange, green, purple, red) with dash patterns so colour is never the only cue. */
const TEXT = '#0b0c0c';
const SECONDARY_TEXT = '#505a5f';
const GRID = '#b1b4b6';
const SERIES = [
  { colour: '#1d70b8', dash: '' },
  { colour: '#505a5f', dash: '6 3' },
  { colour: '#f47738', dash: '2 3' },
  { colour: '#00703c', dash: '10 3 2 3' },
  { colour: '#4c2c92', dash: '4 4' },
  { colour: '#d4351c', dash: '1 2' },
] as const;

const FONT = 16;
const SMALL = 14;

export interface ChartText {
  /** Unique on the page; the title and desc ids derive from it. Letters, digits, - and _. */
  id: string;
  title: string;
  /** One or two sentences of text alternative, said before the numbers. */
  summary: string;
  /** How a value is written in labels and the description (default: en-GB number). */
  format?: (value: number) => string;
}

export interface BarChartSpec extends ChartText {
  categories: readonly string[];
  /** One value per category per series; null when there is no figure (drawn as "no figure"). */
  series: ReadonlyArray<{ name: string; values: ReadonlyArray<number | null> }>;
}

export interface LineChartSpec extends ChartText {
  /** Full names of the periods, for the description (e.g. "January to March 2026"). */
  periods: readonly string[];
  /** Axis labels per period: a first line, and an optional second (e.g. the year where it changes). */
  ticks: ReadonlyArray<{ line1: string; line2?: string }>;
  series: ReadonlyArray<{ name: string; values: readonly number[] }>;
}

export interface FunnelChartSpec extends ChartText {
  groups: ReadonlyArray<{ label: string; total: number; stages: ReadonlyArray<{ label: string; value: number }> }>;
  /** Said after the groups, e.g. journeys on hold that belong to no single stage. */
  footnote?: { label: string; value: number };
}

const defaultFormat = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const safeId = (id: string) => {
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new Error(`Chart id must be letters, digits, - and _: ${id}`);
  return id;
};

/** A percentage, rounded for the markup. */
const pct = (n: number) => `${Math.round(n * 100) / 100}%`;
const num = (n: number) => String(Math.round(n * 100) / 100);

function frame(spec: ChartText, height: number, description: string, body: string[]): string {
  const id = safeId(spec.id);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" width="100%" height="${height}" class="pathway-chart__svg" data-chart="${id}" focusable="false">`,
    `<title id="${id}-title">${escapeXml(spec.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    ...body,
    `</svg>`,
  ].join('\n');
}

/** Characters per line before a label wraps: about 260 px of 14 px text, so a label fits a 320 px screen. */
export const WRAP_AT = 32;

/** Words greedily into lines of at most `max` characters (a longer word keeps a line of its own). */
export function wrapWords(s: string, max = WRAP_AT): string[] {
  const lines: string[] = [];
  for (const word of s.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

const LINE = 18;

/** A label of one or more lines (tspans), its first baseline at y. */
const wrapped = (x: string, y: number, lines: string[], o: TextStyle) =>
  `<text x="${x}" y="${num(y)}" ${textAttrs({ size: SMALL, ...o })}>${lines
    .map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : LINE}">${escapeXml(l)}</tspan>`)
    .join('')}</text>`;

interface TextStyle {
  size?: number;
  fill?: string;
  bold?: boolean;
  anchor?: 'middle';
  dx?: number;
}

const textAttrs = (o: TextStyle) =>
  [
    `fill="${o.fill ?? TEXT}"`,
    `font-size="${o.size ?? FONT}"`,
    o.bold ? 'font-weight="bold"' : '',
    o.anchor ? `text-anchor="${o.anchor}"` : '',
    o.dx ? `dx="${o.dx}"` : '',
  ]
    .filter(Boolean)
    .join(' ');

const text = (x: string, y: number, content: string, o: TextStyle = {}) =>
  `<text x="${x}" y="${num(y)}" ${textAttrs(o)}>${escapeXml(content)}</text>`;

/** Legend rows, one series a row (so they fit a narrow screen): a swatch and the name. */
function legend(names: readonly string[], kind: 'bar' | 'line', top: number): { height: number; markup: string[] } {
  if (names.length < 2) return { height: 0, markup: [] };
  const markup: string[] = [];
  let y = top;
  names.forEach((name, i) => {
    const s = SERIES[i % SERIES.length];
    const swatch =
      kind === 'bar'
        ? `<rect x="0" y="${y + 3}" width="16" height="14" fill="${s.colour}"${i === 1 ? ` fill-opacity="0.35" stroke="${s.colour}" stroke-width="2"` : ''}></rect>`
        : `<line x1="0" x2="28" y1="${y + 10}" y2="${y + 10}" stroke="${s.colour}" stroke-width="3"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}></line>`;
    const lines = wrapWords(name, WRAP_AT - 4);
    markup.push(swatch, wrapped(kind === 'bar' ? '24' : '36', y + 15, lines, {}));
    y += 24 + (lines.length - 1) * LINE;
  });
  return { height: y - top + 8, markup };
}

/**
 * Horizontal bars: for each category a label line, then one bar per series with its value at
 * the bar's end. Bars share one scale from zero to the largest value (70% of the width, leaving
 * room for the value text).
 */
export function barChart(spec: BarChartSpec): string {
  const format = spec.format ?? defaultFormat;
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const x = scaleLinear()
    .domain([0, Math.max(0, ...values) || 1])
    .range([0, 70]);
  const lg = legend(
    spec.series.map((s) => s.name),
    'bar',
    4,
  );
  const barHeight = 16;
  const barGap = 4;
  const body: string[] = [...lg.markup];
  let top = lg.height;
  spec.categories.forEach((category, c) => {
    const lines = wrapWords(category);
    body.push(wrapped('0', top + 15, lines, { bold: true }));
    const barsTop = top + 22 + (lines.length - 1) * LINE;
    spec.series.forEach((s, i) => {
      const v = s.values[c];
      const y = barsTop + i * (barHeight + barGap);
      const colour = SERIES[i % SERIES.length].colour;
      if (v === null || v === undefined) {
        body.push(text('0', y + 13, `${spec.series.length > 1 ? `${s.name}: ` : ''}no figure`, { size: SMALL, fill: SECONDARY_TEXT }));
        return;
      }
      const w = v > 0 ? Math.max(0.5, x(v)) : 0;
      const outline = i === 1 ? ` fill-opacity="0.35" stroke="${colour}" stroke-width="2"` : '';
      if (w > 0) body.push(`<rect x="0" y="${y}" width="${pct(w)}" height="${barHeight}" fill="${colour}"${outline}></rect>`);
      body.push(text(pct(w), y + 13, format(v), { dx: 6, size: SMALL }));
    });
    top = barsTop + spec.series.length * (barHeight + barGap) + 10;
  });
  const height = top;
  const said = spec.categories.map((category, c) => {
    const parts = spec.series.map((s) => {
      const v = s.values[c];
      const value = v === null || v === undefined ? 'no figure' : format(v);
      return spec.series.length > 1 ? `${s.name} ${value}` : value;
    });
    return `${category}: ${parts.join(', ')}.`;
  });
  return frame(spec, height, [spec.summary, ...said].join(' '), body);
}

/**
 * Series over periods: gridlines labelled at the left, periods along the bottom, one line per
 * series (distinct colour and dash) with a marker at each point.
 */
export function lineChart(spec: LineChartSpec): string {
  const format = spec.format ?? defaultFormat;
  if (spec.ticks.length !== spec.periods.length || spec.series.some((s) => s.values.length !== spec.periods.length)) {
    throw new Error('lineChart: every series needs one value per period, and every period a tick');
  }
  const lg = legend(
    spec.series.map((s) => s.name),
    'line',
    4,
  );
  const plotTop = lg.height + 24;
  const plotHeight = 180;
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values));
  const y = scaleLinear()
    .domain([0, max || 1])
    .nice(4)
    .range([plotHeight, 0]);
  const x = scalePoint<number>()
    .domain(spec.periods.map((_, i) => i))
    .range(spec.periods.length > 1 ? [7, 93] : [50, 50]);
  // Counts: whole-number gridlines only (at most five).
  const ticks = y.ticks(Math.max(1, Math.min(4, Math.ceil(max)))).filter((t) => Number.isInteger(t));
  const body: string[] = [...lg.markup];
  for (const t of ticks) {
    const gy = plotTop + y(t);
    body.push(`<line x1="0" x2="100%" y1="${num(gy)}" y2="${num(gy)}" stroke="${GRID}" stroke-width="1"></line>`);
    body.push(text('0', gy - 4, format(t), { size: SMALL, fill: SECONDARY_TEXT }));
  }
  // The lines: an inner drawing 100 units wide stretched to the chart's width, strokes unscaled.
  const path = line<number>()
    .x((_, i) => x(i) ?? 0)
    .y((v) => y(v));
  body.push(
    `<svg x="0" y="${plotTop}" width="100%" height="${plotHeight}" viewBox="0 0 100 ${plotHeight}" preserveAspectRatio="none" overflow="visible" aria-hidden="true">`,
  );
  spec.series.forEach((s, i) => {
    const st = SERIES[i % SERIES.length];
    body.push(
      `<path d="${path([...s.values]) ?? ''}" fill="none" stroke="${st.colour}" stroke-width="3"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''} vector-effect="non-scaling-stroke"></path>`,
    );
  });
  body.push('</svg>');
  spec.series.forEach((s, i) => {
    const st = SERIES[i % SERIES.length];
    s.values.forEach((v, p) => {
      const fill = i % 2 === 0 ? st.colour : '#ffffff';
      body.push(
        `<circle cx="${pct(x(p) ?? 0)}" cy="${num(plotTop + y(v))}" r="4" fill="${fill}" stroke="${st.colour}" stroke-width="2"></circle>`,
      );
    });
  });
  const axisY = plotTop + plotHeight;
  body.push(`<line x1="0" x2="100%" y1="${axisY}" y2="${axisY}" stroke="${TEXT}" stroke-width="1"></line>`);
  spec.ticks.forEach((t, p) => {
    const at = pct(x(p) ?? 0);
    body.push(text(at, axisY + 20, t.line1, { size: SMALL, anchor: 'middle' }));
    if (t.line2) body.push(text(at, axisY + 38, t.line2, { size: SMALL, anchor: 'middle' }));
  });
  const height = axisY + (spec.ticks.some((t) => t.line2) ? 46 : 28);
  const said = spec.series.map((s) => `${s.name}: ${s.values.map((v, p) => `${spec.periods[p]} ${format(v)}`).join(', ')}.`);
  return frame(spec, height, [spec.summary, ...said].join(' '), body);
}

/**
 * A funnel: groups (e.g. phases) in order, each headed by its label and total, and its stages
 * (e.g. states) as bars centred on the middle, their widths on one scale across the chart.
 */
export function funnelChart(spec: FunnelChartSpec): string {
  const format = spec.format ?? defaultFormat;
  const max = Math.max(0, ...spec.groups.flatMap((g) => g.stages.map((s) => s.value)));
  const w = scaleLinear()
    .domain([0, max || 1])
    .range([0, 100]);
  const body: string[] = [];
  let top = 0;
  for (const g of spec.groups) {
    body.push(text('0', top + 18, `${g.label}: ${format(g.total)}`, { bold: true }));
    top += 28;
    for (const s of g.stages) {
      const lines = wrapWords(`${s.label}: ${format(s.value)}`);
      body.push(wrapped('50%', top + 15, lines, { anchor: 'middle' }));
      top += (lines.length - 1) * LINE;
      const width = s.value > 0 ? Math.max(0.5, w(s.value)) : 0;
      if (width > 0)
        body.push(`<rect x="${pct(50 - width / 2)}" y="${top + 21}" width="${pct(width)}" height="14" fill="${SERIES[0].colour}"></rect>`);
      else body.push(`<line x1="49.5%" x2="50.5%" y1="${top + 28}" y2="${top + 28}" stroke="${GRID}" stroke-width="2"></line>`);
      top += 42;
    }
    top += 8;
  }
  if (spec.footnote) {
    body.push(text('0', top + 18, `${spec.footnote.label}: ${format(spec.footnote.value)}`, { size: SMALL, fill: SECONDARY_TEXT }));
    top += 28;
  }
  const said = spec.groups.map(
    (g) => `${g.label}: ${format(g.total)} (${g.stages.map((s) => `${s.label} ${format(s.value)}`).join(', ')}).`,
  );
  if (spec.footnote) said.push(`${spec.footnote.label}: ${format(spec.footnote.value)}.`);
  return frame(spec, top, [spec.summary, ...said].join(' '), body);
}
