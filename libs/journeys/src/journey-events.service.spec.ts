import type { DataSource, EntityManager } from 'typeorm';
import { applyJourneyEvent, initialPosition } from '@pathway/domain/machines/journey-position';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { tasksCreatedWithJourney } from '@pathway/domain/template/tasks-to-create';
import { GuardFailedError } from '@pathway/platform/errors/domain-errors';
import type { CentralOrganisation } from './central-organisation';
import type { DecisionFiles } from './decision-files';
import { JourneyEntity } from './entities/journey.entity';
import type { HistoryEntry } from './history';
import type { JourneyChange, JourneyChangeBus } from './journey-change.bus';
import type { JourneyConditions } from './journey-conditions';
import type { EventTask, JourneyEventsRepository, TaskWrite } from './journey-events.repository';
import { JourneyEventsService } from './journey-events.service';
import type { PathwayTemplatesService } from './pathway-templates.service';

const JOURNEY_ID = '00000000-0000-4000-8000-0000000000aa';

function journey(): JourneyEntity {
  const pos = initialPosition();
  return Object.assign(new JourneyEntity(), {
    id: JOURNEY_ID,
    name: 'Spin-out',
    mutualOrganisationId: 'mutual',
    parentBodyId: 'parent',
    parentBodyConfirmed: true,
    commissionerId: null,
    departmentId: 'department',
    arbiterId: null,
    staffCount: 100,
    plannedTransferDate: '2028-06-01',
    phase: pos.phase,
    state: pos.state,
    machineSnapshot: pos.snapshot,
    version: 3,
    templateVersion: 1,
    nation: 'england',
    parentBodyType: null,
    legalForm: null,
    eventDates: {},
    proposalSummary: null,
  });
}

/** The template's first tasks, as an event reads them (ids task-0, task-1, ...). */
function checklist(): EventTask[] {
  return tasksCreatedWithJourney(PATHWAY_TEMPLATE_V1).map((t, i) => ({
    id: `task-${i}`,
    key: t.key,
    title: t.title,
    phase: t.phase,
    gateState: t.gateState,
    workstream: t.workstream,
    ownerParty: t.ownerParty,
    ownerOrganisationId: 'mutual',
    status: t.dependsOn.length ? 'cannot_start_yet' : 'not_started',
    mandatory: t.mandatory,
    statutory: t.statutory ?? false,
    dueDate: null,
    dueSetByHand: true,
    dependsOn: t.dependsOn,
    createdAt: new Date(),
  }));
}

/** The service with every collaborator faked: what it reads, writes and tells listeners is recorded. */
function harness(tasks: EventTask[] = checklist()) {
  const j = journey();
  const reads: string[] = [];
  const writes: Array<{ taskWrites: readonly TaskWrite[]; history: readonly HistoryEntry[] }> = [];
  const changes: JourneyChange[] = [];
  const saved: unknown[] = [];
  const tx = {
    getRepository: () => ({
      findOne: () => Promise.resolve(j),
      save: (rows: Array<Record<string, unknown>>) => {
        saved.push(...rows);
        return Promise.resolve(rows.map((r, i) => ({ ...r, id: `new-${i}` })));
      },
    }),
  } as unknown as EntityManager;
  const repo = {
    tasks: () => {
      reads.push('tasks');
      return Promise.resolve(tasks);
    },
    write: (_tx: EntityManager, _j: JourneyEntity, taskWrites: readonly TaskWrite[], history: readonly HistoryEntry[]) => {
      writes.push({ taskWrites, history });
      return Promise.resolve(4);
    },
  } as unknown as JourneyEventsRepository;
  const service = new JourneyEventsService(
    {} as DataSource,
    { version: () => Promise.resolve(PATHWAY_TEMPLATE_V1) } as unknown as PathwayTemplatesService,
    { id: () => Promise.resolve('central') } as unknown as CentralOrganisation,
    {
      inTransaction: (_tx: EntityManager, change: JourneyChange) => {
        changes.push(change);
        return Promise.resolve();
      },
    } as unknown as JourneyChangeBus,
    { unmet: () => Promise.resolve([]) } as unknown as JourneyConditions,
    {} as DecisionFiles,
    repo,
  );
  return { service, tx, j, reads, writes, changes, saved };
}

describe('JourneyEventsService', () => {
  it('puts a journey on hold without reading its checklist: one write with the event’s history row', async () => {
    const h = harness();
    const { journey: after } = await h.service.fireInternal(h.tx, JOURNEY_ID, 'put_on_hold', 'user-1', { reason: 'budget review' });
    expect(h.reads).toEqual([]);
    expect(h.writes).toHaveLength(1);
    expect(h.writes[0].taskWrites).toEqual([]);
    expect(h.writes[0].history).toEqual([
      expect.objectContaining({
        type: 'put_on_hold',
        actorUserId: 'user-1',
        fromState: 'exploring',
        toState: 'on_hold',
        data: { reason: 'budget review' },
      }),
    ]);
    expect(after).toMatchObject({ state: 'on_hold', version: 4 });
    expect(h.changes).toEqual([expect.objectContaining({ kind: 'event', taskIds: [] })]);
  });

  it('completes the tasks done by an event after the event’s own history row, and frees their dependents, in the one write', async () => {
    const tasks = checklist();
    const waiting = { ...tasks[0], id: 'waiting', key: 'after_preparing', dependsOn: ['prepare_expression_of_interest'] };
    const h = harness([...tasks, { ...waiting, status: 'cannot_start_yet' }]);
    await h.service.fireInternal(h.tx, JOURNEY_ID, 'submit_expression_of_interest', 'user-1', { proposalSummary: '  A mutual  ' });
    expect(h.reads).toEqual(['tasks']);
    const [{ history, taskWrites }] = h.writes;
    expect(history.map((e) => e.type)).toEqual(['submit_expression_of_interest', 'task_updated', 'task_updated']);
    expect(history.slice(1).map((e) => e.data?.taskKey)).toEqual(['appraise_service_options', 'prepare_expression_of_interest']);
    expect(history[1]).toMatchObject({
      actorUserId: null,
      data: { automatic: true, cause: 'submit_expression_of_interest', causedByUserId: 'user-1' },
    });
    const completed = taskWrites.filter((w) => w.status === 'completed').map((w) => w.id);
    expect(completed).toHaveLength(2);
    expect(taskWrites).toContainEqual({ id: 'waiting', status: 'not_started' });
    // The tasks the event creates were inserted before the write, and are among the changed tasks.
    expect(h.saved.length).toBeGreaterThan(0);
    expect(h.changes[0].taskIds).toEqual(expect.arrayContaining([...completed, 'waiting', 'new-0']));
    expect(h.changes[0].journey.proposalSummary).toBe('A mutual');
  });

  it('refuses a guarded event whose mandatory tasks are open (422 naming them) and writes nothing', async () => {
    const open = checklist().map((t) => ({
      ...t,
      phase: 'pre_spin_out' as const,
      gateState: 'business_planning' as const,
      mandatory: true,
    }));
    const h = harness(open);
    // exploring -> awaiting_parent_body_response -> business_planning, through the machine.
    let pos = initialPosition();
    for (const type of ['submit_expression_of_interest', 'accept_expression_of_interest'] as const) {
      const next = applyJourneyEvent(pos, { type });
      if (!next.ok) throw new Error(next.reason);
      pos = next.position;
    }
    Object.assign(h.j, { phase: pos.phase, state: pos.state, machineSnapshot: pos.snapshot });
    const refusal = h.service.fireInternal(h.tx, JOURNEY_ID, 'submit_business_case', 'user-1', {});
    await expect(refusal).rejects.toBeInstanceOf(GuardFailedError);
    await expect(refusal).rejects.toMatchObject({ blockingTasks: open.map((t) => expect.objectContaining({ id: t.id, key: t.key })) });
    expect(h.reads).toEqual(['tasks']);
    expect(h.writes).toEqual([]);
    expect(h.changes).toEqual([]);
  });
});
