import { CONFIDENTIAL_RAISER } from '@pathway/escalations/escalation.dto';
import { ALLOWED_TYPES } from '@pathway/platform/storage/file-type-check';
import { DECLINE_GROUND_LABELS, isDeclineGround } from '@pathway/domain/decline-grounds';
import type { JourneyEventType } from '@pathway/domain/events';
import type { HistoryItemDto } from '@pathway/journeys/dto/journey.dto';
import { formatDate, formatDateTime } from '../filters';
import { label } from '../labels';
import { pct } from '@pathway/domain/staff-voice/ballot';

/** One entry of the journey's timeline. */
export interface TimelineEntry {
  at: string;
  /** What happened: "Expression of interest declined". */
  title: string;
  /** Who did it: "Alex Jones (Brighton Council)", or "Pathway" for the system. */
  actor: string;
  /** "Waiting for the parent body to respond → Declined", when the state changed. */
  change?: { from: string; to: string };
  /** Labelled text written by people (reasons, grounds, resolutions) and other facts. */
  details: Array<{ label: string; text: string }>;
  /** A page about it (the task or escalation), when there is one. */
  link?: { href: string; text: string };
  /** A decision's attached file (`/files/:id`, parties of the journey only). */
  attachment?: { href: string; fileName: string; description: string };
}

/** Past-tense titles for the journey events. */
const EVENT_TITLES: Record<JourneyEventType, string> = {
  submit_expression_of_interest: 'Expression of interest submitted',
  accept_expression_of_interest: 'Expression of interest accepted',
  decline_expression_of_interest: 'Expression of interest declined',
  appeal: 'Decision appealed',
  uphold_appeal: 'Appeal upheld',
  dismiss_appeal: 'Appeal dismissed',
  submit_business_case: 'Business case submitted for approval',
  approve_business_case: 'Business case approved',
  return_business_case: 'Business case returned for changes',
  reject_business_case: 'Business case refused',
  start_spin_out: 'Spinning out started',
  register_legal_entity: 'Legal entity registered',
  confirm_transfer_readiness: 'Ready for transfer confirmed',
  complete_transfer: 'Transfer completed',
  complete_first_year_review: 'First-year review completed',
  put_on_hold: 'Journey put on hold',
  resume: 'Journey resumed',
  withdraw: 'Journey withdrawn',
};

const OTHER_TITLES: Record<string, string> = {
  journey_created: 'Journey started',
  journey_updated: 'Journey details changed',
  party_changed: 'Party changed by the central team',
  reminder_policy_changed: 'Reminders changed',
  task_updated: 'Task updated',
  escalation_opened: 'Escalation opened',
  escalation_raised: 'Escalation raised to the next level',
  escalation_resolved: 'Escalation resolved',
  staff_ballot_recorded: 'Staff ballot recorded',
  staff_support_waived: 'Staff support condition waived by the central team',
  staff_survey_recorded: 'Staff pulse survey recorded',
};

/** Payload and data fields people wrote, in the order they are shown. */
const TEXT_FIELDS: Array<[string, string]> = [
  ['proposalSummary', 'Proposal'],
  ['reasons', 'Reasons'],
  ['grounds', 'Grounds'],
  ['reason', 'Reason'],
  ['resolution', 'Resolution'],
  ['conditions', 'Conditions'],
  ['governance', 'Decided under'],
  ['notApplicableReason', 'Why it does not apply'],
];

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export interface TimelineContext {
  journeyId: string;
  userNames: ReadonlyMap<string, string>;
  organisationNames: ReadonlyMap<string, string>;
  legalFormNames?: ReadonlyMap<string, string>;
}

function stateLabel(phase: string | null, state: string | null): string {
  return state ? label(state, 'state') : label(phase, 'phase');
}

function describeTaskChange(data: Record<string, unknown>): Array<{ label: string; text: string }> {
  const changes = (data.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
  const details: Array<{ label: string; text: string }> = [];
  if (changes.status)
    details.push({
      label: 'Status',
      text: `${label(changes.status.from, 'taskStatus') || 'None'} → ${label(changes.status.to, 'taskStatus')}`,
    });
  if (changes.dueDate)
    details.push({
      label: 'Due date',
      text: `${formatDate(changes.dueDate.from) || 'None'} → ${formatDate(changes.dueDate.to) || 'None'}`,
    });
  if (changes.dueAt)
    details.push({
      label: 'Deadline',
      text: `${formatDateTime(changes.dueAt.from) || 'None'} → ${formatDateTime(changes.dueAt.to) || 'None'}`,
    });
  if (changes.assigneeUserId) details.push({ label: 'Assignee', text: 'Changed' });
  return details;
}

/** One history row in plain English. */
export function describeHistoryItem(item: HistoryItemDto, ctx: TimelineContext): TimelineEntry {
  const data = item.data ?? {};
  const actor = item.actorHidden
    ? CONFIDENTIAL_RAISER
    : item.actorUserId
      ? (ctx.userNames.get(item.actorUserId) ?? 'A former user')
      : 'Pathway (automatic)';
  const title = (EVENT_TITLES as Record<string, string>)[item.type] ?? OTHER_TITLES[item.type] ?? label(item.type, 'state');
  const entry: TimelineEntry = { at: item.at, title, actor, details: [] };
  if (item.toState && (item.fromState !== item.toState || item.fromPhase !== item.toPhase) && item.fromState) {
    entry.change = { from: stateLabel(item.fromPhase, item.fromState), to: stateLabel(item.toPhase, item.toState) };
  }

  if (item.type === 'task_updated') {
    const taskTitle = text(data.title) ?? text(data.taskKey) ?? 'a task';
    entry.title = `Task updated: ${taskTitle}`;
    entry.details.push(...describeTaskChange(data));
    if (data.automatic && typeof data.cause === 'string') {
      const cause = (EVENT_TITLES as Record<string, string>)[data.cause] ?? OTHER_TITLES[data.cause] ?? label(data.cause, 'state');
      const by = typeof data.causedByUserId === 'string' ? ctx.userNames.get(data.causedByUserId) : undefined;
      entry.details.push({ label: 'Why', text: `Done automatically because: ${cause}${by ? ` (by ${by})` : ''}` });
    }
    if (typeof data.taskId === 'string')
      entry.link = { href: `/journeys/${ctx.journeyId}/tasks/${data.taskId}`, text: `View the task ${taskTitle}` };
  }
  if (item.type.startsWith('escalation_')) {
    const trigger = text(data.trigger);
    if (trigger) entry.title = `${OTHER_TITLES[item.type]}: ${label(trigger, 'escalationTrigger')}`;
    const assigned = text(data.assignedOrganisationId) ?? text((data.to as Record<string, unknown> | undefined)?.assignedOrganisationId);
    if (assigned) entry.details.push({ label: 'Assigned to', text: ctx.organisationNames.get(assigned) ?? 'Another organisation' });
    if (text(data.outcome)) entry.details.push({ label: 'Outcome', text: label(data.outcome, 'appealOutcome') });
    if (typeof data.escalationId === 'string') entry.link = { href: `/escalations/${data.escalationId}`, text: 'View the escalation' };
  }
  if (item.type === 'journey_created' && text(data.plannedTransferDate)) {
    entry.details.push({ label: 'Planned transfer date', text: formatDate(data.plannedTransferDate) });
  }
  if (item.type === 'decline_expression_of_interest' && isDeclineGround(data.ground)) {
    entry.details.push({ label: 'Ground', text: DECLINE_GROUND_LABELS[data.ground] });
  }
  if (item.type === 'register_legal_entity' && text(data.legalForm)) {
    entry.details.push({ label: 'Legal form', text: ctx.legalFormNames?.get(String(data.legalForm)) ?? String(data.legalForm) });
  }
  if (item.type === 'staff_ballot_recorded' && typeof data.turnout === 'number' && typeof data.supportShare === 'number') {
    entry.details.push({
      label: 'Result',
      text: `Held on ${formatDate(data.heldOn)}: turnout ${pct(data.turnout)}, support ${pct(data.supportShare)}, ${data.meetsThreshold ? 'meets' : 'below'} the staff support threshold`,
    });
  }
  if (item.type === 'party_changed') {
    const name = (id: unknown) =>
      typeof id === 'string' ? (ctx.organisationNames.get(id) ?? 'Another organisation') : 'None (the central team)';
    const what = {
      parentBodyId: 'Parent body',
      commissionerId: 'Commissioner',
      departmentId: 'Department',
      arbiterId: 'Independent arbiter',
    }[String(data.field)];
    entry.title = `${what ?? 'Party'} changed by the central team`;
    entry.details.push({ label: what ?? 'Party', text: `${name(data.from)} → ${name(data.to)}` });
  }
  if (item.type === 'journey_updated') {
    const changes = Object.keys((data.changes ?? {}) as object);
    if (changes.length)
      entry.details.push({ label: 'Changed', text: changes.map((c) => c.replace(/([A-Z])/g, ' $1').toLowerCase()).join(', ') });
  }
  for (const [key, heading] of TEXT_FIELDS) {
    const value = text(data[key]);
    if (value) entry.details.push({ label: heading, text: value });
  }
  const file = decisionAttachmentView(data.attachment);
  if (file) entry.attachment = file;
  return entry;
}

/** A decision's file as a download link with its type and size ("PDF, 77 KB"), or undefined. */
export function decisionAttachmentView(value: unknown): TimelineEntry['attachment'] {
  if (!value || typeof value !== 'object') return undefined;
  const a = value as { id?: unknown; fileName?: unknown; contentType?: unknown; sizeBytes?: unknown };
  if (typeof a.id !== 'string' || typeof a.fileName !== 'string') return undefined;
  const type = typeof a.contentType === 'string' ? (ALLOWED_TYPES[a.contentType] ?? a.contentType) : 'File';
  const size = typeof a.sizeBytes === 'number' ? fileSize(a.sizeBytes) : '';
  return { href: `/files/${a.id}`, fileName: a.fileName, description: size ? `${type}, ${size}` : type };
}

/** 77 bytes, 12 KB, 3.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The journey's history as a timeline, newest first. */
export function buildTimeline(items: HistoryItemDto[], ctx: TimelineContext): TimelineEntry[] {
  return items.map((item) => describeHistoryItem(item, ctx)).reverse();
}

/** A parent body's decline as people read it: when, by whom, the ground's label and the reasons. */
export interface DeclineDecision<At> {
  at: At;
  by: string;
  ground: string | null;
  reasons: string | null;
  /** The authority behind the decision ("Cabinet, 12 March, minute 7"). */
  governance: string | null;
  /** `decline_expression_of_interest` or `reject_business_case`. */
  kind?: string;
  /** What the decision said would change it, or must happen next. */
  conditions?: string | null;
  attachment?: TimelineEntry['attachment'];
}

/** From a `decline_expression_of_interest` history row (or nothing) to what the pages show. */
export function declineDecision<At>(
  row: { at: At; data: Record<string, unknown> } | undefined,
  parentBodyName: string | undefined,
): DeclineDecision<At> | null {
  if (!row) return null;
  const { ground, reasons, governance, conditions, attachment } = row.data;
  return {
    kind: (row as { type?: string }).type,
    at: row.at,
    by: parentBodyName ?? 'The parent body',
    ground: isDeclineGround(ground) ? DECLINE_GROUND_LABELS[ground] : null,
    reasons: typeof reasons === 'string' ? reasons : Array.isArray(reasons) ? reasons.join('\n') : null,
    governance: typeof governance === 'string' ? governance : null,
    conditions: typeof conditions === 'string' ? conditions : null,
    attachment: decisionAttachmentView(attachment),
  };
}
