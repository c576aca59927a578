import { buildChecklist, taskHint } from './checklist';
import { buildTimeline, describeHistoryItem } from './history';

const task = (over: Record<string, unknown>) =>
  ({
    id: 't1',
    key: 'k1',
    title: 'Task one',
    phase: 'pre_spin_out',
    workstream: 'business_case',
    ownerParty: 'mutual',
    ownerOrganisationId: 'org-m',
    status: 'not_started',
    mandatory: true,
    dueDate: '2027-03-01',
    deadline: '2027-03-02T00:00:00.000Z',
    overdue: false,
    ...over,
  }) as never;

describe('buildChecklist', () => {
  it('groups by phase then workstream in the order given, with standard statuses and counts', () => {
    const list = buildChecklist('j', [
      task({ id: 'a' }),
      task({ id: 'b', workstream: 'staff_engagement', status: 'completed' }),
      task({ id: 'c', status: 'cannot_start_yet' }),
      task({ id: 'd', phase: 'spinning_out', workstream: 'tupe', status: 'not_applicable' }),
    ]);
    expect(list.completed).toBe(2);
    expect(list.total).toBe(4);
    expect(list.phases.map((p) => [p.heading, p.workstreams.map((w) => w.heading), p.completed, p.total])).toEqual([
      ['Pre-spin-out', ['Business case', 'Staff engagement'], 1, 3],
      ['Spinning out', ['Staff transfer (TUPE)'], 1, 1],
    ]);
    const [a, c] = list.phases[0].workstreams[0].items;
    expect(a).toMatchObject({ href: '/journeys/j/tasks/a', status: { tag: { text: 'Not yet started' } } });
    expect(c.href).toBeUndefined();
    expect(c.status).toEqual({ text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' });
    expect(list.phases[0].workstreams[1].items[0].status).toEqual({ text: 'Completed' });
  });

  it('hints the owner and the due date, flags overdue and marks optional tasks', () => {
    expect(taskHint(task({ overdue: true }), new Map([['org-m', 'Aspire']]))).toBe('Owner: Aspire (mutual). Due 1 March 2027, overdue.');
    expect(taskHint(task({ status: 'completed' }), new Map())).toBe('Owner: Mutual.');
    expect(buildChecklist('j', [task({ mandatory: false })]).phases[0].workstreams[0].items[0].title.text).toBe('Task one (optional)');
  });
});

describe('the history timeline', () => {
  const ctx = { journeyId: 'j', userNames: new Map([['u1', 'Alex Jones (Council)']]), organisationNames: new Map([['org-d', 'DHSC']]) };
  const item = (over: Record<string, unknown>) =>
    ({
      at: '2027-01-02T10:00:00.000Z',
      actorUserId: 'u1',
      type: 'journey_created',
      fromPhase: null,
      fromState: null,
      toPhase: null,
      toState: null,
      data: {},
      ...over,
    }) as never;

  it('describes events in the past tense with who, from → to and what people wrote', () => {
    const e = describeHistoryItem(
      item({
        type: 'decline_expression_of_interest',
        fromPhase: 'pre_spin_out',
        fromState: 'awaiting_parent_body_response',
        toPhase: 'pre_spin_out',
        toState: 'declined',
        data: { ground: 'not_viable', reasons: 'Too costly' },
      }),
      ctx,
    );
    expect(e).toMatchObject({
      title: 'Expression of interest declined',
      actor: 'Alex Jones (Council)',
      change: { from: 'Waiting for the parent body to respond', to: 'Declined' },
      details: [
        { label: 'Ground', text: 'The proposal is not viable' },
        { label: 'Reasons', text: 'Too costly' },
      ],
    });
  });

  it('describes task changes and escalations with links, and the system as the actor', () => {
    const t = describeHistoryItem(
      item({
        type: 'task_updated',
        data: {
          taskId: 't9',
          title: 'Write it',
          changes: { status: { from: 'not_started', to: 'completed' }, dueDate: { from: '2027-01-01', to: '2027-02-01' } },
        },
      }),
      ctx,
    );
    expect(t.title).toBe('Task updated: Write it');
    expect(t.details).toEqual([
      { label: 'Status', text: 'Not yet started → Completed' },
      { label: 'Due date', text: '1 January 2027 → 1 February 2027' },
    ]);
    expect(t.link?.href).toBe('/journeys/j/tasks/t9');
    const esc = describeHistoryItem(
      item({
        actorUserId: null,
        type: 'escalation_opened',
        data: { escalationId: 'e1', trigger: 'task_overdue', assignedOrganisationId: 'org-d', reason: 'Late' },
      }),
      ctx,
    );
    expect(esc).toMatchObject({
      title: 'Escalation opened: Task overdue',
      actor: 'Pathway (automatic)',
      link: { href: '/escalations/e1' },
    });
    expect(esc.details).toEqual([
      { label: 'Assigned to', text: 'DHSC' },
      { label: 'Reason', text: 'Late' },
    ]);
  });

  it('puts the newest first and copes with types it does not know', () => {
    const timeline = buildTimeline(
      [item({ type: 'journey_created' }), item({ type: 'something_new', at: '2027-01-03T10:00:00.000Z' })],
      ctx,
    );
    expect(timeline.map((e) => e.title)).toEqual(['Something new', 'Journey started']);
  });
});
