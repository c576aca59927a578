import { deadlineInstant } from '@pathway/domain/calendar/deadline';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyHistoryEntity } from './entities/journey-history.entity';
import type { JourneyEntity } from './entities/journey.entity';
import type { JourneyTaskEntity } from './entities/journey-task.entity';
import type { HistoryItemDto, JourneyDto } from './dto/journey.dto';
import type { TaskDto } from './dto/task.dto';

export interface JourneyView {
  allowedEvents: string[];
  blockedEvents: Array<{ type: string; blockingTasks: number; unmetConditions: Array<{ code: string; message: string }> }>;
  heldState: string | null;
}

export function presentJourney(j: JourneyEntity, view: JourneyView): JourneyDto {
  return {
    id: j.id,
    name: j.name,
    phase: j.phase,
    state: j.state,
    version: j.version,
    mutualOrganisationId: j.mutualOrganisationId,
    parentBodyId: j.parentBodyId,
    parentBodyConfirmed: j.parentBodyConfirmed ?? true,
    commissionerId: j.commissionerId,
    departmentId: j.departmentId,
    arbiterId: j.arbiterId,
    serviceArea: j.serviceArea,
    region: j.region,
    staffCount: j.staffCount,
    plannedTransferDate: j.plannedTransferDate,
    allowedEvents: view.allowedEvents,
    blockedEvents: view.blockedEvents,
    heldState: view.heldState,
    legalForm: j.legalForm,
    templateVersion: j.templateVersion,
    nation: j.nation,
    parentBodyType: j.parentBodyType,
    proposalSummary: j.proposalSummary,
    reminderPolicy: j.reminderPolicy,
    createdAt: j.createdAt.toISOString(),
    updatedAt: new Date(j.updatedAt).toISOString(),
  };
}

const DONE = new Set(['completed', 'not_applicable']);

export function presentTask(t: JourneyTaskEntity, now: Date = new Date()): TaskDto {
  const deadline = deadlineInstant({ dueDate: t.dueDate, dueAt: t.dueAt });
  return {
    id: t.id,
    key: t.key,
    title: t.title,
    phase: t.phase,
    workstream: t.workstream,
    ownerParty: t.ownerParty,
    ownerOrganisationId: t.ownerOrganisationId,
    status: t.status,
    mandatory: t.mandatory,
    statutory: t.statutory,
    gateState: t.gateState,
    dueDate: t.dueDate,
    dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : null,
    deadline: deadline ? deadline.toISOString() : null,
    dueSetByHand: t.dueSetByHand,
    dependsOn: t.dependsOn,
    guidance: t.guidance,
    source: t.source,
    sourceUrl: t.sourceUrl ?? null,
    assigneeUserId: t.assigneeUserId,
    notApplicableReason: t.notApplicableReason,
    completedAt: t.completedAt ? new Date(t.completedAt).toISOString() : null,
    contractId: t.contractId ?? null,
    overdue: !!deadline && deadline.getTime() <= now.getTime() && !DONE.has(t.status),
    custom: !!t.custom,
  };
}

/**
 * A history row as this viewer may see it: the raiser of a confidential concern (its
 * `escalation_opened` row) is withheld from everyone but the central team and the raiser.
 */
export function presentHistory(h: JourneyHistoryEntity, viewer: Principal): HistoryItemDto {
  const hidden =
    h.type === 'escalation_opened' &&
    h.data?.confidential === true &&
    !AccessPolicy.canSeeRaiser(viewer, { confidential: true, openedByUserId: h.actorUserId });
  return {
    at: new Date(h.at).toISOString(),
    actorUserId: hidden ? null : h.actorUserId,
    ...(hidden ? { actorHidden: true } : {}),
    type: h.type,
    fromPhase: h.fromPhase,
    fromState: h.fromState,
    toPhase: h.toPhase,
    toState: h.toState,
    data: h.data,
  };
}
