import { DECLINE_GROUND_LABELS, DECLINE_GROUNDS } from '@pathway/domain/decline-grounds';
import { DECLINE_GROUND_CATALOGUE } from './decline-grounds.catalogue';
import { buildRequestView, compareRequests, RequestHistoryRow, RequestJourneyRow, RightToProvideRequestView } from './request-view';

const journey: RequestJourneyRow = {
  journeyId: '00000000-0000-0000-0000-000000000001',
  journeyName: 'Day services',
  mutualOrganisationId: 'm',
  mutualOrganisationName: 'Aspire',
  parentBodyId: 'p',
  proposalSummary: 'Adult education as a mutual',
  phase: 'pre_spin_out',
  state: 'awaiting_parent_body_response',
};
const task = { id: 't', dueDate: '2026-07-01', dueAt: null, status: 'not_started' as const };
const h = (type: string, at: string, data: Record<string, unknown> = {}, actorUserId = 'u'): RequestHistoryRow => ({
  type,
  at,
  actorUserId,
  actorName: 'U',
  data,
});
const submit = h('submit_expression_of_interest', '2026-06-01T09:00:00.000Z', { proposalSummary: 'Adult education as a mutual' }, 'lead');

describe('buildRequestView', () => {
  it('is null before submission', () => {
    expect(buildRequestView({ ...journey, state: 'exploring' }, null, [], null)).toBeNull();
  });

  it('awaits a response until decided, and is overdue past the deadline (end of the due date in London)', () => {
    const v = buildRequestView(journey, task, [submit], null, new Date('2026-07-01T22:59:00Z'))!;
    expect(v).toMatchObject({
      status: 'awaiting_response',
      submittedAt: submit.at,
      submittedByUserId: 'lead',
      responseDueDate: '2026-07-01',
      responseDeadline: '2026-07-01T23:00:00.000Z',
      overdue: false,
      proceeding: false,
    });
    expect(buildRequestView(journey, task, [submit], null, new Date('2026-07-01T23:00:00Z'))!.overdue).toBe(true);
    expect(buildRequestView({ ...journey, state: 'withdrawn' }, task, [submit], null, new Date('2026-08-01T00:00:00Z'))!.overdue).toBe(
      false,
    );
    expect(buildRequestView(journey, { ...task, dueAt: '2026-06-15T12:00:00Z' }, [submit], null)!.responseDeadline).toBe(
      '2026-06-15T12:00:00.000Z',
    );
  });

  it('reports an acceptance', () => {
    const v = buildRequestView(
      { ...journey, state: 'business_planning' },
      { ...task, status: 'completed' },
      [submit, h('accept_expression_of_interest', '2026-06-10T10:00:00.000Z', {}, 'officer')],
      null,
    )!;
    expect(v).toMatchObject({
      status: 'accepted',
      proceeding: true,
      overdue: false,
      decision: { type: 'accepted', decidedByUserId: 'officer', ground: null, reasons: null },
    });
  });

  it('reports a decline, an open appeal, then its outcome; an upheld appeal keeps the decline but proceeds', () => {
    const decline = h(
      'decline_expression_of_interest',
      '2026-06-10T10:00:00.000Z',
      { reasons: 'Tender running', ground: 'already_being_procured' },
      'officer',
    );
    const appeal = h('appeal', '2026-06-11T10:00:00.000Z', { grounds: 'Different service' }, 'lead');
    const escalation = {
      id: 'e1',
      status: 'open' as const,
      level: 1,
      assignedOrganisationId: 'dept',
      openedAt: '2026-06-11T10:00:00.000Z',
      resolvedAt: null,
      resolution: null,
      outcome: null,
      conditions: null,
      attachment: null,
    };
    let v = buildRequestView({ ...journey, state: 'under_appeal' }, task, [submit, decline, appeal], escalation)!;
    expect(v).toMatchObject({
      status: 'declined',
      proceeding: false,
      appealCount: 1,
      decision: {
        type: 'declined',
        ground: 'already_being_procured',
        groundLabel: DECLINE_GROUND_LABELS.already_being_procured,
        reasons: 'Tender running',
      },
      appeal: { status: 'open', outcome: null, grounds: 'Different service', escalationId: 'e1', level: 1, assignedOrganisationId: 'dept' },
    });
    const upheld = h('uphold_appeal', '2026-06-20T10:00:00.000Z', { escalationId: 'e1', resolution: 'Fair point' }, 'dept-user');
    v = buildRequestView({ ...journey, state: 'business_planning' }, task, [submit, decline, appeal, upheld], {
      ...escalation,
      status: 'resolved',
      outcome: 'upheld',
    })!;
    expect(v).toMatchObject({
      status: 'declined',
      proceeding: true,
      appeal: { status: 'resolved', outcome: 'upheld', decidedByUserId: 'dept-user', resolution: 'Fair point' },
    });
    const dismissed = h('dismiss_appeal', '2026-06-20T10:00:00.000Z', { escalationId: 'e1', resolution: 'No' }, 'arb');
    v = buildRequestView({ ...journey, state: 'declined' }, task, [submit, decline, appeal, dismissed], null)!;
    expect(v).toMatchObject({
      status: 'declined',
      proceeding: false,
      appeal: { status: 'resolved', outcome: 'dismissed', escalationId: 'e1' },
    });
  });

  it('carries each decision’s conditions and file: the parent body’s, and the appeal finding’s that overturned it', () => {
    const file = { id: 'f1', fileName: 'minute.pdf', contentType: 'application/pdf', sizeBytes: 120 };
    const decline = h('decline_expression_of_interest', '2026-06-10T10:00:00.000Z', {
      reasons: 'Tender running',
      conditions: 'We would reconsider after June',
      attachment: file,
    });
    const appeal = h('appeal', '2026-06-11T10:00:00.000Z', { grounds: 'Different service' }, 'lead');
    const upheld = h('uphold_appeal', '2026-06-20T10:00:00.000Z', {
      escalationId: 'e1',
      resolution: 'Fair point',
      conditions: 'Meet the board',
    });
    const escalation = {
      id: 'e1',
      status: 'resolved' as const,
      level: 1,
      assignedOrganisationId: 'dept',
      openedAt: '2026-06-11T10:00:00.000Z',
      resolvedAt: '2026-06-20T10:00:00.000Z',
      resolution: 'Fair point',
      outcome: 'upheld' as const,
      conditions: 'Meet the board',
      attachment: { ...file, id: 'f2', fileName: 'finding.pdf' },
    };
    const declined = buildRequestView({ ...journey, state: 'declined' }, task, [submit, decline], null)!;
    expect(declined.decision).toMatchObject({ conditions: 'We would reconsider after June', attachment: file });
    // Overturned, going ahead: the appeal finding's conditions and file are the current outcome's.
    const overturned = buildRequestView({ ...journey, state: 'business_planning' }, task, [submit, decline, appeal, upheld], escalation)!;
    expect(overturned).toMatchObject({
      standing: 'overturned_on_appeal',
      appeal: { outcome: 'upheld', conditions: 'Meet the board', attachment: { id: 'f2', fileName: 'finding.pdf' } },
      reconsideration: null,
    });
    // Sent back to reconsider: the finding's conditions and file travel with it.
    const again = buildRequestView(journey, task, [submit, decline, appeal, upheld], escalation)!;
    expect(again.reconsideration).toMatchObject({ conditions: 'Meet the board', attachment: { id: 'f2' } });
    // An acceptance without either says null, not undefined.
    const accepted = buildRequestView(journey, task, [submit, h('accept_expression_of_interest', '2026-06-10T10:00:00.000Z')], null)!;
    expect(accepted.decision).toMatchObject({ conditions: null, attachment: null });
  });

  it('orders awaiting requests first by deadline, then the rest newest first', () => {
    const mk = (id: string, status: RightToProvideRequestView['status'], deadline: string | null, submittedAt: string) =>
      ({ journeyId: id, status, responseDeadline: deadline, submittedAt }) as RightToProvideRequestView;
    const sorted = [
      mk('a', 'accepted', null, '2026-01-02'),
      mk('b', 'awaiting_response', '2026-03-01', '2026-01-01'),
      mk('c', 'awaiting_response', '2026-02-01', '2026-01-01'),
      mk('d', 'declined', null, '2026-01-03'),
    ].sort(compareRequests);
    expect(sorted.map((x) => x.journeyId)).toEqual(['c', 'b', 'd', 'a']);
  });
});

describe('DECLINE_GROUND_CATALOGUE', () => {
  it('explains every ground, citing the Localism Act 2011 for the Community Right to Challenge ones', () => {
    expect(DECLINE_GROUND_CATALOGUE.map((g) => g.key)).toEqual([...DECLINE_GROUNDS]);
    for (const g of DECLINE_GROUND_CATALOGUE.filter((x) => x.communityRightToChallenge)) expect(g.source).toMatch(/Localism Act 2011/);
  });
});
