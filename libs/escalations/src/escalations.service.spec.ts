import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@pathway/domain/vocabulary';
import type { Principal } from '@pathway/identity/principal';
import type { CentralOrganisation } from '@pathway/journeys/central-organisation';
import type { DecisionFiles } from '@pathway/journeys/decision-files';
import { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import type { JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import type { JourneyEventsService } from '@pathway/journeys/journey-events.service';
import type { NotificationsService } from '@pathway/notifications/notifications.service';
import { BadRequestError, ConflictError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import { EscalationEntity } from './escalation.entity';
import type { EscalationsRepository, EscalationToOpen } from './escalations.repository';
import { EscalationsService } from './escalations.service';

// The journey's lock and its history are the journeys library's (tested there); here they are collaborators.
jest.mock('@pathway/journeys/journey-access', () => ({ loadVisibleJourney: jest.fn() }));
jest.mock('@pathway/journeys/history', () => ({ recordHistory: jest.fn() }));
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { recordHistory } from '@pathway/journeys/history';

const CENTRAL = 'org-central';
const ORGS = { mutual: 'org-mutual', parent: 'org-parent', department: 'org-department', arbiter: 'org-arbiter' };

function journey(): JourneyEntity {
  return Object.assign(new JourneyEntity(), {
    id: 'journey-1',
    name: 'Spin-out',
    mutualOrganisationId: ORGS.mutual,
    parentBodyId: ORGS.parent,
    commissionerId: null,
    departmentId: ORGS.department,
    arbiterId: ORGS.arbiter,
  });
}

const person = (role: Role, organisationId: string, id = `user-${role}`): Principal => ({
  id,
  email: `${id}@example.test`,
  name: id,
  organisationId,
  organisationName: organisationId,
  organisationKind: 'mutual',
  role,
});

function escalation(over: Partial<EscalationEntity> = {}): EscalationEntity {
  return Object.assign(new EscalationEntity(), {
    id: 'esc-1',
    journeyId: 'journey-1',
    taskId: null,
    trigger: 'manual',
    level: 1,
    assignedOrganisationId: ORGS.department,
    status: 'open',
    reason: 'No reply',
    conflictOfInterest: false,
    confidential: false,
    openedByUserId: 'user-mutual_lead',
    levelSince: new Date('2027-01-01T00:00:00Z'),
    ...over,
  });
}

function setUp(options: { alreadyOpen?: boolean; task?: { ownerOrganisationId: string | null } | null; stored?: EscalationEntity } = {}) {
  const tx = {} as EntityManager;
  const opened: EscalationToOpen[] = [];
  const notified: Array<{ to: Array<string | null | undefined>; users?: boolean; title: string }> = [];
  const repo = {
    open: jest.fn((_tx: EntityManager, row: EscalationToOpen) => {
      opened.push(row);
      return Promise.resolve({ escalation: escalation({ ...row, id: 'esc-new' }), created: !options.alreadyOpen });
    }),
    taskOfJourney: jest.fn(() =>
      Promise.resolve(
        options.task === null
          ? undefined
          : { id: 'task-1', title: 'Respond', ownerOrganisationId: options.task?.ownerOrganisationId ?? null },
      ),
    ),
    touchJourney: jest.fn(() => Promise.resolve()),
    find: jest.fn(() => Promise.resolve(options.stored ?? escalation())),
    lock: jest.fn(() => Promise.resolve(options.stored ?? escalation())),
    journey: jest.fn(() => Promise.resolve(journey())),
    moveToLevel: jest.fn(() => Promise.resolve(new Date('2027-02-01T00:00:00Z'))),
    markResolved: jest.fn(() => Promise.resolve()),
    organisationOf: jest.fn(() => Promise.resolve(ORGS.mutual)),
  };
  const notifications = {
    notifyOrganisations: jest.fn((_tx: EntityManager, to: string[], n: { title: string }) => {
      notified.push({ to, title: n.title });
      return Promise.resolve([`n-${notified.length}`]);
    }),
    notifyUsers: jest.fn((_tx: EntityManager, to: string[], n: { title: string }) => {
      notified.push({ to, users: true, title: n.title });
      return Promise.resolve([`n-${notified.length}`]);
    }),
    sendEmails: jest.fn(() => Promise.resolve()),
  };
  const events = { fireInternal: jest.fn(() => Promise.resolve({ change: null })) };
  const db = { transaction: (fn: (tx: EntityManager) => Promise<unknown>) => fn(tx) } as unknown as DataSource;
  const files = { deciding: (_file: unknown, fn: (staged: undefined) => Promise<unknown>) => fn(undefined) } as unknown as DecisionFiles;
  const service = new EscalationsService(
    db,
    repo as unknown as EscalationsRepository,
    { id: () => Promise.resolve(CENTRAL) } as unknown as CentralOrganisation,
    notifications as unknown as NotificationsService,
    events as unknown as JourneyEventsService,
    { register: jest.fn(), afterCommit: jest.fn() } as unknown as JourneyChangeBus,
    files,
  );
  return { service, repo, notifications, events, opened, notified };
}

beforeEach(() => {
  jest.mocked(loadVisibleJourney).mockResolvedValue(journey());
  jest.mocked(recordHistory).mockReset();
});

describe('EscalationsService.raiseConcern', () => {
  const lead = person('mutual_lead', ORGS.mutual);

  it('opens a concern at the department, records it, touches the journey and emails after commit', async () => {
    const { service, opened, notified, repo, notifications } = setUp();
    await service.raiseConcern(lead, 'journey-1', { reason: 'No reply for six weeks' });
    expect(opened).toEqual([
      expect.objectContaining({ level: 1, assignedOrganisationId: ORGS.department, confidential: false, taskId: null }),
    ]);
    expect(notified).toEqual([{ to: [ORGS.department], title: 'Concern raised: Spin-out' }]);
    expect(jest.mocked(recordHistory)).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ type: 'escalation_opened' }));
    expect(repo.touchJourney).toHaveBeenCalledWith(expect.anything(), 'journey-1');
    expect(notifications.sendEmails).toHaveBeenCalledWith(['n-1']);
  });

  it('sends a conflict of interest straight to the arbiter, and a confidential concern to the central team without it', async () => {
    const conflict = setUp();
    await conflict.service.raiseConcern(lead, 'journey-1', { reason: 'The department is the parent body', conflictOfInterest: true });
    expect(conflict.opened[0]).toMatchObject({ level: 2, assignedOrganisationId: ORGS.arbiter, conflictOfInterest: true });
    const confidential = setUp();
    await confidential.service.raiseConcern(lead, 'journey-1', { reason: 'Bullying', conflictOfInterest: true, confidential: true });
    expect(confidential.opened[0]).toMatchObject({
      level: 1,
      assignedOrganisationId: CENTRAL,
      conflictOfInterest: false,
      confidential: true,
    });
    expect(confidential.notified[0].title).toBe('Confidential concern raised: Spin-out');
  });

  it('tells the organisation that owes the task the concern is about', async () => {
    const { service, notified } = setUp({ task: { ownerOrganisationId: ORGS.parent } });
    await service.raiseConcern(lead, 'journey-1', { reason: 'Late', taskId: 'task-1' });
    expect(notified.map((n) => n.to)).toEqual([[ORGS.department], [ORGS.parent]]);
    expect(notified[1].title).toBe('A concern was raised about your task: Respond');
  });

  it('refuses an adviser, a task of another journey and a second open concern, opening nothing', async () => {
    const adviser = setUp();
    await expect(adviser.service.raiseConcern(person('adviser', 'org-adviser'), 'journey-1', { reason: 'x' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(adviser.opened).toEqual([]);
    const otherTask = setUp({ task: null });
    await expect(otherTask.service.raiseConcern(lead, 'journey-1', { reason: 'x', taskId: 'task-9' })).rejects.toEqual(
      new BadRequestError(['taskId does not name a task of this journey']),
    );
    expect(otherTask.opened).toEqual([]);
    const twice = setUp({ alreadyOpen: true });
    await expect(twice.service.raiseConcern(lead, 'journey-1', { reason: 'x' })).rejects.toBeInstanceOf(ConflictError);
    expect(twice.notified).toEqual([]);
  });
});

describe('EscalationsService.escalate', () => {
  const officer = person('department_officer', ORGS.department);

  it('raises it to the arbiter, saying why, and tells the arbiter', async () => {
    const { service, repo, notified } = setUp();
    const raised = await service.escalate(officer, 'esc-1', ' We are the parent body ');
    expect(repo.moveToLevel).toHaveBeenCalledWith(expect.anything(), 'esc-1', 2, ORGS.arbiter);
    expect(raised).toMatchObject({ level: 2, assignedOrganisationId: ORGS.arbiter, levelSince: new Date('2027-02-01T00:00:00Z') });
    expect(jest.mocked(recordHistory)).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        type: 'escalation_raised',
        data: expect.objectContaining({ reason: 'We are the parent body', by: 'manual' }),
      }),
    );
    expect(notified).toEqual([{ to: [ORGS.arbiter], title: 'Escalation raised to you: Spin-out' }]);
  });

  it('refuses without a reason, from an organisation it is not with, and past the last level', async () => {
    await expect(setUp().service.escalate(officer, 'esc-1', '  ')).rejects.toBeInstanceOf(BadRequestError);
    await expect(setUp().service.escalate(person('mutual_lead', ORGS.mutual), 'esc-1', 'why')).rejects.toBeInstanceOf(ForbiddenError);
    const top = setUp({ stored: escalation({ level: 2, assignedOrganisationId: ORGS.department }) });
    await expect(top.service.escalate(officer, 'esc-1', 'why')).rejects.toBeInstanceOf(ConflictError);
    expect(top.repo.moveToLevel).not.toHaveBeenCalled();
  });
});

describe('EscalationsService.resolve', () => {
  it('needs an outcome for an appeal, and never lets the parent body decide an appeal against itself', async () => {
    const appeal = escalation({ trigger: 'appeal', assignedOrganisationId: ORGS.department });
    const noOutcome = setUp({ stored: appeal });
    await expect(noOutcome.service.resolve(person('department_officer', ORGS.department), 'esc-1', { resolution: 'Fair' })).rejects.toEqual(
      new BadRequestError(['outcome must be upheld or dismissed to resolve an appeal']),
    );
    const own = setUp({ stored: escalation({ trigger: 'appeal', assignedOrganisationId: ORGS.parent }) });
    await expect(
      own.service.resolve(person('parent_body_officer', ORGS.parent), 'esc-1', { resolution: 'Fair', outcome: 'dismissed' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(own.events.fireInternal).not.toHaveBeenCalled();
    expect(own.repo.markResolved).not.toHaveBeenCalled();
  });

  it('tells the mutual, the parent body and the raiser’s organisation; a confidential concern’s raiser alone', async () => {
    const open = setUp();
    await open.service.resolve(person('department_officer', ORGS.department), 'esc-1', { resolution: ' Agreed a date ', conditions: ' ' });
    expect(open.repo.markResolved).toHaveBeenCalledWith(expect.anything(), 'esc-1', 'user-department_officer', {
      resolution: ' Agreed a date ',
      outcome: null,
      conditions: null,
    });
    expect(open.notified).toEqual([{ to: [ORGS.mutual, ORGS.parent, ORGS.mutual], title: 'Concern raised resolved: Spin-out' }]);
    const secret = setUp({ stored: escalation({ confidential: true, assignedOrganisationId: CENTRAL }) });
    await secret.service.resolve(person('cabinet_office_staff', CENTRAL), 'esc-1', { resolution: 'Handled' });
    expect(secret.notified).toEqual([{ to: ['user-mutual_lead'], users: true, title: 'Concern raised resolved: Spin-out' }]);
  });

  it('refuses a second resolution', async () => {
    const done = setUp({ stored: escalation({ status: 'resolved' }) });
    await expect(
      done.service.resolve(person('department_officer', ORGS.department), 'esc-1', { resolution: 'Again' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(done.repo.markResolved).not.toHaveBeenCalled();
  });
});
