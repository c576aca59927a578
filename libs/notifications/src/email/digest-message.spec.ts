import { digestMessage, type DigestItem } from './digest-message';

const item = (over: Partial<DigestItem>): DigestItem => ({
  type: 'task_due_soon',
  title: 'Due soon: Agree the staff list',
  journeyId: 'j1',
  journeyName: 'Aspire Sussex',
  taskId: 't1',
  escalationId: null,
  createdAt: new Date('2026-12-01T10:00:00Z'),
  ...over,
});

describe('digestMessage', () => {
  it('groups the notices by journey, in name order, each with its link', () => {
    const m = digestMessage(
      [
        item({ journeyId: 'j2', journeyName: 'Brighton Youth', title: 'Decided: your expression of interest', taskId: null }),
        item({}),
        item({ title: 'Due soon: Elect employee representatives', taskId: 't2', createdAt: new Date('2026-12-01T09:00:00Z') }),
      ],
      { date: '2026-12-02', role: 'mutual_lead', baseUrl: 'https://pathway.test/' },
    );
    expect(m.title).toBe('Your Pathway summary for Wednesday 2 December 2026: 3 updates');
    expect(m.body).toBe(
      [
        'Here is what happened on Pathway since your last summary: 3 updates.',
        '# Aspire Sussex\n\n* Due soon: Elect employee representatives\n  https://pathway.test/journeys/j1/tasks/t2\n* Due soon: Agree the staff list\n  https://pathway.test/journeys/j1/tasks/t1',
        '# Brighton Youth\n\n* Decided: your expression of interest\n  https://pathway.test/journeys/j2',
        'Overdue tasks and escalations are not in this summary: we email you about those as they happen.',
      ].join('\n\n'),
    );
  });

  it('says "1 update", leads a parent body officer to the response page, and omits links without a service address', () => {
    const m = digestMessage([item({ type: 'expression_of_interest_received', title: 'New expression of interest', taskId: null })], {
      date: '2026-12-07',
      role: 'parent_body_officer',
    });
    expect(m.title).toBe('Your Pathway summary for Monday 7 December 2026: 1 update');
    expect(m.body).toContain('# Aspire Sussex\n\n* New expression of interest\n\nOverdue');
    const linked = digestMessage([item({ type: 'expression_of_interest_received', taskId: null })], {
      date: '2026-12-07',
      role: 'parent_body_officer',
      baseUrl: 'https://pathway.test',
    });
    expect(linked.body).toContain('https://pathway.test/journeys/j1/respond');
  });
});
