import { KeptAnswers } from './kept-answers';

describe('KeptAnswers', () => {
  const scope = { departmentId: null };

  it('keys by scope and every filter given, in any order, ignoring filters left out', () => {
    expect(KeptAnswers.key(scope, { region: 'london', phase: 'pre_spin_out' })).toBe(
      KeptAnswers.key(scope, { phase: 'pre_spin_out', region: 'london', state: undefined }),
    );
    expect(KeptAnswers.key(scope, { region: 'london' })).not.toBe(KeptAnswers.key({ departmentId: 'd' }, { region: 'london' }));
    expect(KeptAnswers.key(scope, { region: 'london' })).not.toBe(KeptAnswers.key(scope, { serviceArea: 'london' }));
  });

  it('serves an answer only at the version it was kept under, and a copy of it', () => {
    const kept = new KeptAnswers<{ n: number }>();
    kept.set('k', '7', { n: 1 });
    expect(kept.get('k', '8')).toBeUndefined();
    const hit = kept.get('k', '7')!;
    expect(hit).toEqual({ n: 1 });
    hit.n = 2;
    expect(kept.get('k', '7')).toEqual({ n: 1 });
  });

  it('serves an answer with a window from its start until, not at, its end', () => {
    const kept = new KeptAnswers<string>();
    const from = new Date('2027-01-01T10:00:00Z');
    const until = new Date('2027-01-01T11:00:00Z');
    kept.set('k', '1', 'answer', { from, until });
    expect(kept.get('k', '1', new Date(from.getTime() - 1))).toBeUndefined();
    expect(kept.get('k', '1', from)).toBe('answer');
    expect(kept.get('k', '1', new Date(until.getTime() - 1))).toBe('answer');
    expect(kept.get('k', '1', until)).toBeUndefined();
  });

  it('holds at most its size, dropping the oldest first', () => {
    const kept = new KeptAnswers<number>(2);
    kept.set('a', '1', 1);
    kept.set('b', '1', 2);
    kept.set('c', '1', 3);
    expect([kept.get('a', '1'), kept.get('b', '1'), kept.get('c', '1')]).toEqual([undefined, 2, 3]);
  });
});
