import type { StaffBallotListDto, StaffSurveyDto } from '@pathway/staff-voice/staff-voice.dto';
import { linear, staffSupportView, SURVEY_CHART, surveysView } from './staff-voice-view';

const threshold = { minTurnout: 0.5, minSupportShare: 0.5 };
const ballot = (over: Partial<StaffBallotListDto['items'][number]> = {}) => ({
  id: 'b1',
  journeyId: 'j',
  question: 'Do you support the spin-out?',
  heldOn: '2026-10-01',
  method: 'secret_postal',
  eligible: 100,
  votesFor: 20,
  votesAgainst: 20,
  abstentions: 0,
  independentScrutineer: null,
  turnout: 0.4,
  supportShare: 0.5,
  meetsThreshold: false,
  recordedByUserId: 'u',
  recordedAt: '2026-10-02T10:00:00Z',
  ...over,
});

describe('staff support view', () => {
  it('says plainly why the latest ballot falls short', () => {
    const v = staffSupportView({ items: [ballot()], total: 1, staffSupport: { threshold, met: false, waiver: null } });
    expect(v.latest).toMatchObject({ meetsThreshold: false, shortfall: 'Turnout 40% is below 50%.', method: 'Secret postal ballot' });
    expect(v.latest?.turnout).toBe('40% (40 of 100 eligible staff voted)');
    const hands = staffSupportView({
      items: [ballot({ method: 'show_of_hands', turnout: 1, supportShare: 1 })],
      total: 1,
      staffSupport: { threshold, met: false, waiver: null },
    });
    expect(hands.latest?.shortfall).toMatch(/not a secret ballot/);
  });
  it('shows no ballot, and a waiver with who gave it', () => {
    const v = staffSupportView(
      {
        items: [],
        total: 0,
        staffSupport: {
          threshold,
          met: true,
          waiver: { id: 'w', journeyId: 'j', reason: 'Unions consulted', waivedByUserId: 'u1', waivedAt: '2026-10-02T10:00:00Z' },
        },
      },
      new Map([['u1', 'Sam Central']]),
    );
    expect(v).toMatchObject({ latest: null, met: true, waiver: { reason: 'Unions consulted', by: 'Sam Central' } });
  });
});

describe('survey chart', () => {
  const survey = (heldOn: string, a: [number, number, number]): StaffSurveyDto => ({
    id: heldOn,
    journeyId: 'j',
    heldOn,
    respondents: 80,
    eligible: 100,
    responseRate: 0.8,
    agreement: { understand_pension: a[0], support_spin_out: a[1], morale_good: a[2] },
    recordedByUserId: 'u',
    recordedAt: `${heldOn}T10:00:00Z`,
  });
  it('scales linearly, and puts a single point in the middle', () => {
    expect(linear(0, 10, 100, 0)(5)).toBe(50);
    expect(linear(3, 3, 0, 100)(3)).toBe(50);
  });
  it('draws one line per statement inside the plot, with the numbers in the text alternative and the table', () => {
    const v = surveysView([survey('2026-01-01', [0.4, 0.6, 0.222]), survey('2026-07-01', [0.7, 0.5, 0.1])]);
    const chart = v.chart!;
    expect(chart.series.map((s) => s.key)).toEqual(['understand_pension', 'support_spin_out', 'morale_good']);
    for (const s of chart.series) {
      expect(s.path).toMatch(/^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
      for (const p of s.points) {
        expect(p.x).toBeGreaterThanOrEqual(chart.plot.left);
        expect(p.x).toBeLessThanOrEqual(chart.plot.right);
        expect(p.y).toBeGreaterThanOrEqual(chart.plot.top);
        expect(p.y).toBeLessThanOrEqual(chart.plot.bottom);
      }
    }
    // 100% at the top of the plot, 0% at the bottom.
    expect(chart.yTicks[0]).toEqual({ y: SURVEY_CHART.height - SURVEY_CHART.bottom, label: '0%' });
    expect(chart.yTicks.at(-1)).toEqual({ y: SURVEY_CHART.top, label: '100%' });
    expect(chart.desc).toContain('“My morale is good” 22.2%');
    expect(v.rows[0]).toEqual({ heldOn: '1 January 2026', respondents: '80 of 100', values: ['40%', '60%', '22.2%'] });
  });
  it('has no chart without surveys', () => {
    expect(surveysView([]).chart).toBeNull();
  });
});
