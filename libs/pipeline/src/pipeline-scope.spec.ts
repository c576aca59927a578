import { journeyConditions, PIPELINE_JOURNEY_COLUMNS } from './pipeline-scope';
import { SqlParams } from '@pathway/database/journey-sql';

describe('journeyConditions', () => {
  it('binds the department scope and every filter as parameters', () => {
    const p = new SqlParams();
    const dept = '00000000-0000-4000-8000-000000000001';
    const pb = '00000000-0000-4000-8000-000000000002';
    const where = journeyConditions(
      { departmentId: dept },
      { serviceArea: 'health', region: 'london', phase: 'pre_spin_out', parentBodyId: pb, state: 'on_hold' },
      p,
      { activeOnly: true },
    );
    expect(where).toBe(
      `j.state <> 'withdrawn' AND j.department_id = $1 AND j.service_area = $2 AND j.region = $3 AND j.phase = $4 AND j.parent_body_id = $5 AND j.state = $6`,
    );
    expect(p.values).toEqual([dept, 'health', 'london', 'pre_spin_out', pb, 'on_hold']);
  });

  it('is TRUE for the central team without filters, over every journey', () => {
    const p = new SqlParams();
    expect(journeyConditions({ departmentId: null }, {}, p, { activeOnly: false })).toBe('TRUE');
    expect(p.values).toEqual([]);
  });

  it('reads only the journey columns whose changes invalidate the kept medians (PIPELINE_JOURNEY_COLUMNS)', () => {
    const id = '00000000-0000-4000-8000-000000000003';
    const where = journeyConditions(
      { departmentId: id },
      {
        serviceArea: 'health',
        region: 'london',
        phase: 'pre_spin_out',
        parentBodyId: id,
        departmentId: id,
        state: 'on_hold',
        journeyId: id,
      },
      new SqlParams(),
      { activeOnly: true },
    );
    const read = [...new Set([...where.matchAll(/\bj\.([a-z_]+)/g)].map((m) => m[1]))];
    expect(read.length).toBeGreaterThan(0);
    for (const column of read) expect(PIPELINE_JOURNEY_COLUMNS).toContain(column);
  });

  it('ANDs a department filter with a department officer’s own department, so it can only narrow', () => {
    const p = new SqlParams();
    const own = '00000000-0000-4000-8000-000000000004';
    const other = '00000000-0000-4000-8000-000000000005';
    expect(journeyConditions({ departmentId: own }, { departmentId: other }, p, { activeOnly: false })).toBe(
      'j.department_id = $1 AND j.department_id = $2',
    );
    expect(p.values).toEqual([own, other]);
  });

  it('filters on the one at-risk condition, or its negation, measured at the instant given', () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const yes = new SqlParams();
    const no = new SqlParams();
    const atRisk = journeyConditions({ departmentId: null }, { atRisk: true }, yes, { activeOnly: false, now });
    const notAtRisk = journeyConditions({ departmentId: null }, { atRisk: false }, no, { activeOnly: false, now });
    expect(notAtRisk).toBe(`NOT ${atRisk}`);
    expect(atRisk).toContain("j.state <> 'withdrawn'");
    expect(yes.values).toEqual(['2027-03-01T12:00:00.000Z', '2027-03-01', 90]);
  });
});
