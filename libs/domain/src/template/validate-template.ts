/**
 * Checks a pathway template before it is published. Returns one message per defect; empty = valid.
 * Rules: required text present; enums valid; unique task keys; dependencies exist, are acyclic and
 * (when both are anchored on the planned transfer date) are not due after the task that depends
 * on them; gateState belongs to the task's phase, and a mandatory gate is a state that a guarded
 * event leaves; every workstream is covered; createdOn and due anchors are journey events; reminder
 * durations parse; the Right to Provide response task matches rightToProvideResponseDays. From
 * version 2: every task has appliesTo (naming at least one nation and body type: a task that
 * applies to nothing is rejected) and a source with a citation and an https link, nation variants
 * are for nations the task applies to, and every legal form says whether it can meet s.33(6).
 */
import { computeDueDate, DueRule } from '../calendar/due-date';
import { DUE_UNITS } from '../calendar/add-calendar';
import { parseIsoDuration } from '../calendar/duration';
import { isValidCalendarDate } from '../calendar/london';
import { EVENT_DEFINITIONS, isJourneyEventType } from '../events';
import { PHASE_SPECS } from '../machines/phase-specs';
import { JourneyEventType } from '../events';
import {
  BODY_TYPES,
  JourneyState,
  NATIONS,
  ON_HOLD_STATE,
  OWNER_PARTIES,
  Phase,
  PHASES,
  PHASE_STATES,
  WITHDRAWN_STATE,
  WORKSTREAMS,
} from '../vocabulary';
import { taskInNation } from './pathway-fit';
import { PathwayTemplate, TaskAppliesTo, TaskSource, TemplateTask } from './types';
import { isThresholdShare } from '../staff-voice/ballot';

export const RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY = 'respond_to_expression_of_interest';

/** Planned transfer dates used to compare dependency due dates (months and working days vary). */
const REFERENCE_TRANSFER_DATES = ['2026-04-01', '2027-01-29', '2028-02-29', '2029-12-31'];

const has = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);

function gatedStates(phase: Phase): Set<JourneyState> {
  const gated = new Set<JourneyState>();
  for (const [state, on] of Object.entries(PHASE_SPECS[phase].states)) {
    if (Object.keys(on ?? {}).some((e) => EVENT_DEFINITIONS[e as JourneyEventType].guarded)) gated.add(state as JourneyState);
  }
  return gated;
}

function checkDue(task: TemplateTask, errors: string[]): void {
  if (task.due === null) return;
  const { anchor, offset, unit } = task.due;
  if (anchor !== 'planned_transfer_date' && !isJourneyEventType(anchor))
    errors.push(`task ${task.key}: due anchor ${String(anchor)} is not a journey event`);
  if (!Number.isInteger(offset)) errors.push(`task ${task.key}: due offset must be a whole number`);
  if (!has(DUE_UNITS, unit)) errors.push(`task ${task.key}: due unit ${String(unit)} is not one of ${DUE_UNITS.join(', ')}`);
}

function checkTask(task: TemplateTask, errors: string[], linked: boolean): void {
  const k = task.key;
  for (const field of ['title', 'guidance'] as const) {
    if (typeof task[field] !== 'string' || task[field].trim() === '') errors.push(`task ${k}: ${field} is required`);
  }
  checkSource(k, 'source', task.source, errors, linked);
  checkAppliesTo(task, errors, linked);
  for (const [nation, variant] of Object.entries(task.byNation ?? {})) {
    if (!has(NATIONS, nation)) errors.push(`task ${k}: byNation.${nation} is not a nation (${NATIONS.join(', ')})`);
    else if (task.appliesTo && !task.appliesTo.nations.includes(nation))
      errors.push(`task ${k}: byNation.${nation} is for a nation the task does not apply to`);
    if (variant?.source !== undefined) checkSource(k, `byNation.${nation}.source`, variant.source, errors, linked);
    if (variant?.due) checkDue({ ...task, due: variant.due }, errors);
  }
  if (!has(PHASES, task.phase)) errors.push(`task ${k}: phase ${String(task.phase)} is unknown`);
  if (!has(WORKSTREAMS, task.workstream)) errors.push(`task ${k}: workstream ${String(task.workstream)} is unknown`);
  if (!has(OWNER_PARTIES, task.ownerParty)) errors.push(`task ${k}: ownerParty ${String(task.ownerParty)} is unknown`);
  if (task.gateState !== null && has(PHASES, task.phase)) {
    const states: readonly JourneyState[] = PHASE_STATES[task.phase].filter((s) => s !== ON_HOLD_STATE && s !== WITHDRAWN_STATE);
    if (!states.includes(task.gateState)) {
      errors.push(`task ${k}: gateState ${String(task.gateState)} is not a state of phase ${task.phase}`);
    } else if (task.mandatory && !gatedStates(task.phase).has(task.gateState)) {
      errors.push(`task ${k}: gateState ${task.gateState} is not left by a guarded event, so the task would gate nothing`);
    }
  }
  for (const event of task.completedOn ?? []) {
    if (!isJourneyEventType(event)) errors.push(`task ${k}: completedOn ${String(event)} is not a journey event`);
  }
  if (task.createdOn !== undefined && !isJourneyEventType(task.createdOn)) {
    errors.push(`task ${k}: createdOn ${String(task.createdOn)} is not a journey event`);
  }
  checkDue(task, errors);
}

const isHttpsUrl = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
};

/** A source is a citation (version 1) or, from version 2 (`linked`), a citation and an https link. */
function checkSource(k: string, field: string, source: unknown, errors: string[], linked: boolean): void {
  if (typeof source === 'string') {
    if (source.trim() === '') errors.push(`task ${k}: ${field} is required`);
    else if (linked) errors.push(`task ${k}: ${field} needs a citation and a link ({ citation, url }); add the task's edit to V2_EDITS`);
    return;
  }
  const s = source as Partial<TaskSource> | null;
  if (!s || typeof s !== 'object' || typeof s.citation !== 'string' || s.citation.trim() === '')
    errors.push(`task ${k}: ${field}.citation is required`);
  if (!s || !isHttpsUrl(s.url)) errors.push(`task ${k}: ${field}.url must be an https link (legislation.gov.uk, GOV.UK)`);
}

/** From version 2 every task says what it applies to, and nothing may apply to no journey at all. */
function checkAppliesTo(task: TemplateTask, errors: string[], required: boolean): void {
  const k = task.key;
  const a = task.appliesTo as Partial<TaskAppliesTo> | undefined;
  if (a === undefined) {
    if (required) errors.push(`task ${k}: appliesTo is required (nations and bodyTypes)`);
    return;
  }
  if (!Array.isArray(a.nations) || a.nations.length === 0)
    errors.push(`task ${k}: appliesTo.nations must name at least one nation, or the task applies to nothing`);
  else for (const n of a.nations) if (!has(NATIONS, n)) errors.push(`task ${k}: appliesTo.nations: ${String(n)} is not a nation`);
  if (!Array.isArray(a.bodyTypes) || a.bodyTypes.length === 0)
    errors.push(`task ${k}: appliesTo.bodyTypes must name at least one body type, or the task applies to nothing`);
  else for (const b of a.bodyTypes) if (!has(BODY_TYPES, b)) errors.push(`task ${k}: appliesTo.bodyTypes: ${String(b)} is not a body type`);
  const sc = a.staffCount;
  if (sc !== undefined) {
    const bad = (v: unknown) => v !== undefined && (!Number.isInteger(v) || (v as number) < 0);
    if (bad(sc.min) || bad(sc.max)) errors.push(`task ${k}: appliesTo.staffCount bounds must be whole numbers of staff`);
    else if (sc.min !== undefined && sc.max !== undefined && sc.min > sc.max)
      errors.push(`task ${k}: appliesTo.staffCount min is above max, so the task applies to nothing`);
  }
}

function findCycle(tasks: TemplateTask[]): string[] | null {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 'done') return null;
    if (state.get(key) === 'visiting') return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, 'visiting');
    stack.push(key);
    for (const dep of byKey.get(key)?.dependsOn ?? []) {
      if (!byKey.has(dep)) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(key, 'done');
    return null;
  };
  for (const t of tasks) {
    const cycle = visit(t.key);
    if (cycle) return cycle;
  }
  return null;
}

const anchoredOnTransfer = (due: DueRule | null): due is DueRule =>
  due !== null && due.anchor === 'planned_transfer_date' && Number.isInteger(due.offset) && has(DUE_UNITS, due.unit);

function checkDependencyDates(tasks: TemplateTask[], errors: string[]): void {
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  for (const task of tasks) {
    if (!anchoredOnTransfer(task.due)) continue;
    for (const depKey of task.dependsOn) {
      const dep = byKey.get(depKey);
      if (!dep || !anchoredOnTransfer(dep.due)) continue;
      const late = REFERENCE_TRANSFER_DATES.find((t) => {
        const anchors = { plannedTransferDate: t, eventDates: {} };
        return (computeDueDate(dep.due!, anchors) as string) > (computeDueDate(task.due!, anchors) as string);
      });
      if (late) errors.push(`task ${task.key}: depends on ${depKey}, which is due after it (for a transfer on ${late})`);
    }
  }
}

export function validateTemplate(t: PathwayTemplate): string[] {
  const errors: string[] = [];
  /** Version 1 predates appliesTo and linked sources; every later version must have both. */
  const linked = !(Number.isInteger(t.version) && t.version < 2);
  if (!Number.isInteger(t.version) || t.version < 1) errors.push('version must be a positive whole number');
  if (!t.name || t.name.trim() === '') errors.push('name is required');
  if (!isValidCalendarDate(t.publishedOn)) errors.push(`publishedOn ${String(t.publishedOn)} is not a YYYY-MM-DD date`);

  const seen = new Set<string>();
  for (const task of t.tasks) {
    if (!task.key || !/^[a-z][a-z0-9_]*$/.test(task.key)) errors.push(`task key ${JSON.stringify(task.key)} must be snake_case`);
    if (seen.has(task.key)) errors.push(`task key ${task.key} is used more than once`);
    seen.add(task.key);
    checkTask(task, errors, linked);
  }
  for (const task of t.tasks) {
    for (const dep of task.dependsOn) {
      if (dep === task.key) errors.push(`task ${task.key}: depends on itself`);
      else if (!seen.has(dep)) errors.push(`task ${task.key}: depends on unknown task ${dep}`);
    }
  }
  const cycle = findCycle(t.tasks);
  if (cycle && cycle.length > 2) errors.push(`dependency cycle: ${cycle.join(' -> ')}`);
  // Deadlines differ by nation (variants, working days): compare dependencies as each nation sees them.
  const dateErrors = new Set<string>();
  for (const nation of NATIONS) {
    const local: string[] = [];
    checkDependencyDates(
      t.tasks.map((task) => taskInNation(task, nation)),
      local,
    );
    local.forEach((e) => dateErrors.add(e));
  }
  errors.push(...dateErrors);

  const covered = new Set(t.tasks.map((task) => task.workstream));
  for (const ws of WORKSTREAMS) if (!covered.has(ws)) errors.push(`workstream ${ws} has no tasks`);

  const policy = t.reminderPolicy;
  if (!policy || !Array.isArray(policy.remindBefore)) errors.push('reminderPolicy.remindBefore must be a list of durations');
  else {
    for (const d of policy.remindBefore) {
      const parsed = parseIsoDuration(d);
      if (!parsed.ok) errors.push(`reminderPolicy.remindBefore: ${parsed.error}`);
    }
    const esc = parseIsoDuration(policy.escalateAfter);
    if (!esc.ok) errors.push(`reminderPolicy.escalateAfter: ${esc.error}`);
    if (typeof policy.escalateAfterWorkingDays !== 'boolean') errors.push('reminderPolicy.escalateAfterWorkingDays must be true or false');
  }

  if (
    t.reconsiderationResponseDays !== undefined &&
    (!Number.isInteger(t.reconsiderationResponseDays) || t.reconsiderationResponseDays < 1 || t.reconsiderationResponseDays > 260)
  ) {
    errors.push('reconsiderationResponseDays must be a whole number of working days from 1 to 260');
  }
  if (t.staffSupportThreshold !== undefined) {
    for (const field of ['minTurnout', 'minSupportShare'] as const) {
      if (!isThresholdShare(t.staffSupportThreshold?.[field])) {
        errors.push(`staffSupportThreshold.${field} must be a share from 0 to 1 with at most 4 decimal places`);
      }
    }
  }
  for (const task of t.tasks) {
    if (task.evidence !== undefined && task.evidence !== 'staff_ballot') errors.push(`task ${task.key}: evidence must be staff_ballot`);
  }

  if (!Number.isInteger(t.rightToProvideResponseDays) || t.rightToProvideResponseDays < 1) {
    errors.push('rightToProvideResponseDays must be a positive whole number');
  }
  const respond = t.tasks.find((task) => task.key === RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY);
  if (!respond) errors.push(`task ${RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY} is required (the parent body's Right to Provide response)`);
  else if (
    respond.createdOn !== 'submit_expression_of_interest' ||
    respond.due?.anchor !== 'submit_expression_of_interest' ||
    respond.due.unit !== 'calendar_days' ||
    respond.due.offset !== t.rightToProvideResponseDays
  ) {
    errors.push(
      `task ${RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY}: must be created on submit_expression_of_interest and due rightToProvideResponseDays calendar days after it`,
    );
  }

  const formKeys = new Set<string>();
  for (const form of t.legalForms) {
    if (formKeys.has(form.key)) errors.push(`legal form ${form.key} is listed more than once`);
    formKeys.add(form.key);
    if (!form.name || !form.registration || !form.source) errors.push(`legal form ${form.key}: name, registration and source are required`);
    if (form.benefits.length === 0 || form.limits.length === 0) errors.push(`legal form ${form.key}: list its benefits and limits`);
    const fit = form.reservedContractFit;
    if (fit !== undefined || linked) {
      if (!fit || !['yes', 'depends', 'no'].includes(fit.canMeet) || !fit.note?.trim()) {
        errors.push(
          `legal form ${form.key}: reservedContractFit must say whether it can meet Procurement Act 2023 s.33(6) (yes, depends or no) and why`,
        );
      }
    }
  }
  if (t.legalForms.length === 0) errors.push('at least one legal form is required');
  return errors;
}
