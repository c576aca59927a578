import { ROLES, type Role } from '@pathway/domain/vocabulary';
import type { Principal } from '@pathway/identity/principal';
import { StartPageService } from './start-page.service';

const principal = (role: Role): Principal => ({
  id: 'u',
  email: 'u@example.test',
  name: 'U',
  organisationId: 'org-1',
  organisationName: 'Org',
  organisationKind: 'mutual',
  role,
});

const summary = {
  total: 2,
  byPhase: { pre_spin_out: 1, spinning_out: 1, sustainability: 0 },
  byState: {},
  byServiceArea: {},
  byRegion: {},
  overdueTasks: 1,
  openEscalations: 0,
  staffTransferring: 300,
  contractsExpiringWithin18Months: 0,
  journeysWithOverdueRenewal: 0,
  asOf: '2027-01-01T00:00:00.000Z',
};

const task = (over: Record<string, unknown>) => ({
  id: 't',
  key: 'k',
  title: 'Task',
  phase: 'pre_spin_out',
  workstream: 'business_case',
  ownerParty: 'parent_body',
  ownerOrganisationId: 'org-1',
  status: 'not_started',
  mandatory: true,
  statutory: false,
  gateState: null,
  dueDate: null,
  dueAt: null,
  dueSetByHand: false,
  dependsOn: [],
  guidance: '',
  source: '',
  assigneeUserId: null,
  notApplicableReason: null,
  completedAt: null,
  ...over,
});

/** The services the start page reads, faked: two journeys with tasks, one request, one escalation. */
function service() {
  const journeys = {
    list: jest.fn(async () => ({
      items: [
        { id: 'j1', name: 'Alpha', phase: 'pre_spin_out', state: 'exploring', plannedTransferDate: '2027-10-01' },
        { id: 'j2', name: 'Beta', phase: 'pre_spin_out', state: 'withdrawn', plannedTransferDate: '2027-11-01' },
      ],
      total: 2,
    })),
  };
  // Each listed journey's soonest open deadline comes in one call (chosen in SQL: see the e2e tests).
  const tasks = {
    nextDeadlinesOf: jest.fn(async (journeyIds: readonly string[]) =>
      [
        task({ journeyId: 'j1', id: 'late', title: 'Late', dueDate: '2020-01-01' }),
        task({ journeyId: 'j2', id: 'withdrawn', title: 'On a withdrawn journey', dueDate: '2020-01-01' }),
      ].filter((t) => journeyIds.includes(String((t as Record<string, unknown>).journeyId))),
    ),
  };
  const requests = {
    list: jest.fn(async () => [
      {
        journeyId: 'j1',
        journeyName: 'Alpha',
        mutualOrganisationName: 'Mutual',
        submittedAt: '2027-01-01T10:00:00Z',
        responseDueDate: '2027-02-01',
        overdue: false,
        status: 'awaiting_response',
      },
    ]),
  };
  const escalations = {
    list: jest.fn(async () => [
      { id: 'e1', journeyId: 'j1', trigger: 'appeal', level: 1, reason: 'Unfair', openedAt: new Date('2027-01-01T00:00:00Z') },
    ]),
  };
  const pipeline = { summary: jest.fn(async () => summary) };
  const lookups = { journeyNames: jest.fn(async () => new Map([['j1', 'Alpha']])) };
  const queue = {
    forPrincipal: jest.fn(async () => ({
      items: [
        {
          id: 'late',
          title: 'Late',
          journeyId: 'j1',
          journeyName: 'Alpha',
          dueDate: '2020-01-01',
          deadline: '2020-01-02T00:00:00.000Z',
          overdue: true,
          status: 'not_started',
        },
        {
          id: 'soon',
          title: 'Soon',
          journeyId: 'j1',
          journeyName: 'Alpha',
          dueDate: '2999-01-01',
          deadline: '2999-01-02T00:00:00.000Z',
          overdue: false,
          status: 'in_progress',
        },
      ],
      total: 7,
      counts: { overdue: 1, this_week: 0, later: 6 },
    })),
  };
  return new StartPageService(
    journeys as never,
    tasks as never,
    requests as never,
    escalations as never,
    pipeline as never,
    lookups as never,
    queue as never,
  );
}

describe('StartPageService', () => {
  it('gives every role a start page in plain English', async () => {
    for (const role of ROLES) {
      const page = await service().forPrincipal(principal(role));
      expect(page.roleSentence).toMatch(/^You are an? [a-z ]+ at Org\.$/);
      expect(page.sections.length).toBeGreaterThan(0);
    }
  });

  it('shows each kind of user their own sections', async () => {
    const ids = async (role: Role) => (await service().forPrincipal(principal(role))).sections.map((s) => s.id);
    // Every start page leads with the person's work queue.
    expect(await ids('mutual_lead')).toEqual(['tasks', 'journeys']);
    expect(await ids('mutual_member')).toEqual(['tasks', 'journeys']);
    expect(await ids('parent_body_officer')).toEqual(['tasks', 'requests']);
    expect(await ids('commissioner')).toEqual(['tasks']);
    expect(await ids('department_officer')).toEqual(['tasks', 'escalations', 'pipeline']);
    expect(await ids('arbiter')).toEqual(['tasks', 'escalations']);
    expect(await ids('cabinet_office_staff')).toEqual(['tasks', 'pipeline']);
    expect(await ids('cabinet_office_admin')).toEqual(['tasks', 'pipeline']);
    expect((await service().forPrincipal(principal('arbiter'))).roleSentence).toBe('You are an arbiter at Org.');
  });

  it('offers "Start a journey" to mutual leads and the central team only', async () => {
    const action = async (role: Role) => (await service().forPrincipal(principal(role))).sections[1]?.action;
    expect(await action('mutual_lead')).toEqual({ href: '/journeys/new', text: 'Start a journey' });
    expect(await action('cabinet_office_staff')).toEqual({ href: '/journeys/new', text: 'Start a journey' });
    expect(await action('mutual_member')).toBeUndefined();
    expect(await action('parent_body_officer')).toBeUndefined();
  });

  it('lists a mutual’s journeys with the next open deadline', async () => {
    const [, section] = (await service().forPrincipal(principal('mutual_lead'))).sections;
    if (section.id !== 'journeys') throw new Error('expected journeys');
    expect(section.items.map((j) => j.name)).toEqual(['Alpha', 'Beta']);
    // The earliest open deadline, whoever owns the task; completed tasks do not count.
    expect(section.items[0].nextDeadline).toMatchObject({ taskTitle: 'Late', overdue: true, href: '/journeys/j1/tasks/late' });
  });

  it('leads with the work queue (overdue first, from WorkQueueService), then the parent body’s inbox', async () => {
    const sections = (await service().forPrincipal(principal('parent_body_officer'))).sections;
    const tasks = sections[0];
    if (tasks.id !== 'tasks') throw new Error('expected tasks');
    expect(tasks.items.map((t) => [t.title, t.overdue, t.href])).toEqual([
      ['Late', true, '/journeys/j1/tasks/late'],
      ['Soon', false, '/journeys/j1/tasks/soon'],
    ]);
    expect(tasks.intro).toBe('7 open: 1 overdue.');
    expect(tasks.link).toEqual({ href: '/tasks', text: 'View all 7 of your tasks' });
    const requests = sections[1];
    if (requests.id !== 'requests') throw new Error('expected requests');
    expect(requests.items[0]).toMatchObject({ journeyName: 'Alpha', href: '/journeys/j1/respond' });
  });

  it('lists escalations assigned to a department or arbiter with their journey', async () => {
    const [, section] = (await service().forPrincipal(principal('arbiter'))).sections;
    if (section.id !== 'escalations') throw new Error('expected escalations');
    expect(section.items).toEqual([
      expect.objectContaining({ href: '/escalations/e1', trigger: 'Appeal', journeyName: 'Alpha', level: 1 }),
    ]);
  });
});
