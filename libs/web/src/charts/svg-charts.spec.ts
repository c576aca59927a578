import { barChart, escapeXml, funnelChart, lineChart, wrapWords } from './svg-charts';

const desc = (svg: string) => /<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
const widths = (svg: string) => [...svg.matchAll(/<rect x="[^"]*" y="[^"]*" width="([\d.]+)%"/g)].map((m) => Number(m[1]));

function expectAccessibleImage(svg: string, id: string, title: string) {
  expect(svg).toMatch(new RegExp(`^<svg [^>]*role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc"`));
  expect(svg).toContain(`<title id="${id}-title">${title}</title>`);
  expect(svg).not.toMatch(/<script|on[a-z]+=|javascript:/i);
}

describe('barChart', () => {
  const svg = barChart({
    id: 'days',
    title: 'Median days per state',
    summary: 'Median days journeys spend in each state.',
    categories: ['Exploring', 'Business planning', 'Approved'],
    series: [{ name: 'Median days', values: [12.5, 40, null] }],
    format: (v) => `${v} days`,
  });

  it('is an image with a title, and a description stating every number', () => {
    expectAccessibleImage(svg, 'days', 'Median days per state');
    expect(desc(svg)).toBe(
      'Median days journeys spend in each state. Exploring: 12.5 days. Business planning: 40 days. Approved: no figure.',
    );
  });

  it('draws bars to one scale from zero (the largest 70% wide), and says "no figure" rather than drawing zero', () => {
    expect(widths(svg)).toEqual([21.88, 70]);
    expect(svg).toContain('>no figure</text>');
    expect(svg).toContain('>12.5 days</text>');
  });

  it('pairs series per category, with a legend and both values said', () => {
    const paired = barChart({
      id: 'mine',
      title: 'This journey against the median',
      summary: 'Days in each state.',
      categories: ['Exploring'],
      series: [
        { name: 'This journey', values: [30] },
        { name: 'Pipeline median', values: [15] },
      ],
    });
    expect(desc(paired)).toBe('Days in each state. Exploring: This journey 30, Pipeline median 15.');
    expect(widths(paired)).toEqual(expect.arrayContaining([70, 35]));
    expect(paired).toContain('>This journey</tspan>');
    expect(paired).toContain('>Pipeline median</tspan>');
  });

  it('escapes every text, and refuses an id that could break the markup', () => {
    const evil = barChart({
      id: 'x',
      title: '<script>alert(1)</script>',
      summary: 'A & B "quoted"',
      categories: ['<b onload="x">'],
      series: [{ name: 'n', values: [1] }],
    });
    expect(evil).not.toMatch(/<script|<b /);
    expect(evil).toContain('&lt;script&gt;');
    expect(evil).toContain('A &amp; B &quot;quoted&quot;');
    expect(() => barChart({ id: '"><script>', title: 't', summary: 's', categories: [], series: [] })).toThrow(/Chart id/);
    expect(escapeXml(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
  });

  it('wraps a long label onto lines that fit a 320 px screen, moving the bars down; no attribute twice', () => {
    expect(wrapWords('Waiting for the parent body to respond (now)')).toEqual(['Waiting for the parent body to', 'respond (now)']);
    expect(wrapWords('Short')).toEqual(['Short']);
    const long = barChart({
      id: 'w',
      title: 'W',
      summary: 'S.',
      categories: ['Waiting for the parent body to respond (now)'],
      series: [{ name: 'n', values: [3] }],
    });
    expect(long).toContain('<tspan x="0" dy="0">Waiting for the parent body to</tspan><tspan x="0" dy="18">respond (now)</tspan>');
    expect(long).toMatch(/<rect x="0" y="40"/);
    for (const tag of long.match(/<[a-z]+ [^>]*>/g) ?? []) {
      const names = [...tag.matchAll(/ ([a-z-]+)=/g)].map((m) => m[1]);
      expect({ tag, repeated: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({ tag, repeated: [] });
    }
  });

  it('copes with all zeros (no division by zero, no bars)', () => {
    const zeros = barChart({ id: 'z', title: 'Z', summary: 'None.', categories: ['A'], series: [{ name: 'n', values: [0] }] });
    expect(widths(zeros)).toEqual([]);
    expect(desc(zeros)).toBe('None. A: 0.');
    expect(zeros).not.toContain('NaN');
  });
});

describe('lineChart', () => {
  const spec = {
    id: 'trends',
    title: 'Trends per quarter',
    summary: 'Journeys started and transfers completed per quarter.',
    periods: ['January to March 2026', 'April to June 2026', 'July to September 2026'],
    ticks: [{ line1: 'Q1', line2: '2026' }, { line1: 'Q2' }, { line1: 'Q3' }],
    series: [
      { name: 'Journeys started', values: [3, 0, 7] },
      { name: 'Transfers completed', values: [0, 1, 2] },
    ],
  };
  const svg = lineChart(spec);

  it('is an image with a title, and a description stating every number of every series', () => {
    expectAccessibleImage(svg, 'trends', 'Trends per quarter');
    expect(desc(svg)).toBe(
      'Journeys started and transfers completed per quarter. ' +
        'Journeys started: January to March 2026 3, April to June 2026 0, July to September 2026 7. ' +
        'Transfers completed: January to March 2026 0, April to June 2026 1, July to September 2026 2.',
    );
  });

  it('draws one d3 line per series through every point, and a marker per point', () => {
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    // M x,y L x,y L x,y: three points, x from 7 to 93 units of the stretched inner drawing.
    expect(paths[0]).toMatch(/^M7,[\d.]+L50,[\d.]+L93,[\d.]+$/);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toContain('vector-effect="non-scaling-stroke"');
    expect(svg).toContain('>Q1</text>');
    expect(svg).toContain('>2026</text>');
  });

  it('the highest point is at the top of the plot, zero on the axis', () => {
    const first = /<path d="M7,([\d.]+)L50,([\d.]+)L93,([\d.]+)"/.exec(svg)!;
    expect(Number(first[2])).toBe(180);
    expect(Number(first[3])).toBeLessThan(Number(first[1]));
  });

  it('refuses series whose length does not match the periods', () => {
    expect(() => lineChart({ ...spec, series: [{ name: 'short', values: [1] }] })).toThrow(/one value per period/);
  });
});

describe('funnelChart', () => {
  const svg = funnelChart({
    id: 'funnel',
    title: 'Where journeys are',
    summary: 'Active journeys by phase and state.',
    groups: [
      {
        label: 'Pre-spin-out',
        total: 10,
        stages: [
          { label: 'Exploring', value: 8 },
          { label: 'Approved', value: 2 },
        ],
      },
      { label: 'Spinning out', total: 0, stages: [{ label: 'Mobilising', value: 0 }] },
    ],
    footnote: { label: 'On hold (any phase)', value: 1 },
  });

  it('is an image with a title, and a description stating every group and stage', () => {
    expectAccessibleImage(svg, 'funnel', 'Where journeys are');
    expect(desc(svg)).toBe(
      'Active journeys by phase and state. Pre-spin-out: 10 (Exploring 8, Approved 2). Spinning out: 0 (Mobilising 0). On hold (any phase): 1.',
    );
  });

  it('centres each stage’s bar, widths to one scale (the largest full width)', () => {
    const rects = [...svg.matchAll(/<rect x="([\d.]+)%" y="[^"]*" width="([\d.]+)%"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(rects).toEqual([
      [0, 100],
      [37.5, 25],
    ]);
    expect(svg).toContain('>Mobilising: 0</tspan>');
  });
});
