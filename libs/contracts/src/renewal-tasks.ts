import type { EntityManager } from 'typeorm';
import { withCatchUp } from '@pathway/domain/calendar/due-date';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { renewalTasks } from '@pathway/domain/sustainability/renewal';
import { JourneyTaskEntity } from '@pathway/journeys/entities/journey-task.entity';
import { recordHistory } from '@pathway/journeys/history';
import { queryRows } from '@pathway/database/query-rows';
import type { Nation } from '@pathway/domain/vocabulary';
import type { ContractEntity } from './contract.entity';

/** Creates a contract's renewal tasks (the plan is the mutual's, the decision its commissioner's); returns their ids. */
export async function createRenewalTasks(
  tx: EntityManager,
  c: ContractEntity,
  journey: { mutualOrganisationId: string; nation: Nation },
  now: Date,
): Promise<string[]> {
  const mutualOrganisationId = journey.mutualOrganisationId;
  const today = todayInLondon(now);
  const rows = renewalTasks(c).map((spec) => ({
    journeyId: c.journeyId,
    key: spec.key,
    title: spec.title,
    phase: 'sustainability' as const,
    gateState: null,
    workstream: 'commissioning' as const,
    ownerParty: spec.ownerParty,
    ownerOrganisationId: spec.ownerParty === 'commissioner' ? c.commissionerId : mutualOrganisationId,
    status: 'not_started' as const,
    mandatory: false,
    statutory: false,
    dueDate: withCatchUp(spec.dueDate, { createdOn: today, statutory: false, nation: journey.nation }),
    dueAt: null,
    dueSetByHand: false,
    dependsOn: spec.dependsOn,
    guidance: spec.guidance,
    source: spec.source,
    assigneeUserId: null,
    notApplicableReason: null,
    contractId: c.id,
    completedAt: null,
    createdAt: now,
    updatedAt: now,
  }));
  const saved = await tx.getRepository(JourneyTaskEntity).save(rows);
  return saved.map((t) => t.id);
}

/**
 * Brings a contract's renewal tasks in line with it after a change: titles follow the contract's
 * title, due dates its end date (unless set by hand), the decision follows its commissioner.
 * Returns the ids of the tasks that changed.
 */
export async function syncRenewalTasks(tx: EntityManager, c: ContractEntity, nation: Nation): Promise<string[]> {
  const tasks = await tx.getRepository(JourneyTaskEntity).findBy({ contractId: c.id });
  const changed: string[] = [];
  for (const spec of renewalTasks(c)) {
    const task = tasks.find((t) => t.key === spec.key);
    if (!task) continue;
    const dueDate = task.dueSetByHand
      ? task.dueDate
      : withCatchUp(spec.dueDate, { createdOn: todayInLondon(task.createdAt), statutory: false, nation });
    const owner = spec.ownerParty === 'commissioner' ? c.commissionerId : task.ownerOrganisationId;
    if (dueDate === task.dueDate && spec.title === task.title && owner === task.ownerOrganisationId) continue;
    await tx.query(`UPDATE journey_tasks SET due_date = $2, title = $3, owner_organisation_id = $4, updated_at = now() WHERE id = $1`, [
      task.id,
      dueDate,
      spec.title,
      owner,
    ]);
    changed.push(task.id);
  }
  return changed;
}

/** Completes a contract's open renewal tasks once its outcome is known, with a history row each. */
export async function completeRenewalTasks(tx: EntityManager, c: ContractEntity, actorUserId: string): Promise<string[]> {
  const done = queryRows<{ id: string; key: string; title: string; from: string }>(
    await tx.query(
      `UPDATE journey_tasks t SET status = 'completed', completed_at = now(), updated_at = now()
         FROM journey_tasks old
        WHERE t.id = old.id AND t.contract_id = $1 AND t.key IN ('plan_contract_renewal', 'decide_contract_renewal')
          AND t.status NOT IN ('completed', 'not_applicable')
        RETURNING t.id, t.key, t.title, old.status AS from`,
      [c.id],
    ),
  );
  for (const task of done) {
    await recordHistory(tx, {
      journeyId: c.journeyId,
      actorUserId,
      type: 'task_updated',
      data: {
        taskId: task.id,
        taskKey: task.key,
        title: task.title,
        changes: { status: { from: task.from, to: 'completed' } },
        automatic: true,
        cause: 'contract_outcome_recorded',
        contractId: c.id,
      },
    });
  }
  return done.map((t) => t.id);
}

/**
 * The first contract of a journey: the award and signing tasks of spinning out point to it, and
 * the template's fixed "plan for re-procurement" (transfer + 42 months) gives way to the
 * contract's own renewal tasks.
 */
export async function linkFirstContract(tx: EntityManager, c: ContractEntity, actorUserId: string): Promise<string[]> {
  const linked = queryRows<{ id: string }>(
    await tx.query(
      `UPDATE journey_tasks SET contract_id = $2, updated_at = now()
        WHERE journey_id = $1 AND key IN ('award_first_contract', 'sign_first_contract') AND contract_id IS NULL RETURNING id`,
      [c.journeyId, c.id],
    ),
  );
  const superseded = queryRows<{ id: string; key: string; title: string; from: string }>(
    await tx.query(
      `UPDATE journey_tasks t SET status = 'not_applicable', not_applicable_reason = $2, updated_at = now()
         FROM journey_tasks old
        WHERE t.id = old.id AND t.journey_id = $1 AND t.key = 'plan_reprocurement' AND t.status NOT IN ('completed', 'not_applicable')
        RETURNING t.id, t.key, t.title, old.status AS from`,
      [c.journeyId, `Replaced by the renewal tasks of the contract “${c.title}”, due 18 and 12 months before it ends`],
    ),
  );
  for (const task of superseded) {
    await recordHistory(tx, {
      journeyId: c.journeyId,
      actorUserId,
      type: 'task_updated',
      data: {
        taskId: task.id,
        taskKey: task.key,
        title: task.title,
        changes: { status: { from: task.from, to: 'not_applicable' } },
        automatic: true,
        cause: 'contract_recorded',
        contractId: c.id,
      },
    });
  }
  return [...linked.map((r) => r.id), ...superseded.map((r) => r.id)];
}
