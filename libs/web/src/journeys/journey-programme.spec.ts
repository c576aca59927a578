import { timeInStatesView } from './journey-programme';

const medians = (byState: Record<string, number>) =>
  ({
    byState: Object.fromEntries(Object.entries(byState).map(([s, d]) => [s, { journeys: 3, medianDays: d, p90Days: d }])),
  }) as never;

describe("the journey page's time in each status", () => {
  it('draws this journey beside the median, with the same numbers in the table', () => {
    const view = timeInStatesView(
      { exploring: 12, awaiting_parent_body_response: 4 },
      medians({ exploring: 30 }),
      'awaiting_parent_body_response',
    );
    expect(view.svg).toContain('role="img"');
    expect(view.rows.map((r) => [r.state, r.current])).toEqual([
      ['Exploring', false],
      [expect.any(String), true],
    ]);
  });

  it('draws no chart of empty bars while every status has lasted less than a day (the table says so)', () => {
    const view = timeInStatesView({ exploring: 0, business_planning: 0.4 }, medians({ exploring: 0 }), 'business_planning');
    expect(view.svg).toBeNull();
    expect(view.rows).toHaveLength(2);
  });
});
