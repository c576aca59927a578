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
      { serviceArea: 'health', region: 'london', phase: 'pre_spin_out', parentBodyId: id, state: 'on_hold', journeyId: id },
      new SqlParams(),
      { activeOnly: true },
    );
    const read = [...new Set([...where.matchAll(/\bj\.([a-z_]+)/g)].map((m) => m[1]))];
    expect(read.length).toBeGreaterThan(0);
    for (const column of read) expect(PIPELINE_JOURNEY_COLUMNS).toContain(column);
  });
});
