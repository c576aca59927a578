/**
 * A journey's position (phase, contract state name, persisted XState snapshot) and the pure
 * operations on it. Everything goes through xstate's pure `transition()`: no actors, no timers.
 *
 * Persist all three fields. `snapshot` is `machine.getPersistedSnapshot()` made JSON-safe; it
 * carries the held state while `on_hold`, so `resume` returns to the exact state after a reload.
 */
import { transition } from 'xstate';
import { EVENT_DEFINITIONS, isJourneyEventType, JOURNEY_EVENT_TYPES, JourneyEventType } from '../events';
import { JourneyState, ON_HOLD_STATE, Phase, PHASE_STATES, Role } from '../vocabulary';
import { PhaseMachineEvent } from './build-phase-machine';
import { PHASE_MACHINES } from './phase-machines';
import { PHASE_COMPLETE, PHASE_SPECS } from './phase-specs';

export interface JourneyPosition {
  phase: Phase;
  state: JourneyState;
  /** JSON-safe `machine.getPersistedSnapshot()`. */
  snapshot: unknown;
}

export interface JourneyEventInput {
  type: JourneyEventType;
  payload?: Record<string, unknown>;
  /**
   * Guarded events only: how many mandatory tasks gated on the current state are still open
   * (`blockingTasks(...).length`). The machine's guard passes only when this is exactly 0, so a
   * guarded event sent without it is refused with `guard_failed`.
   */
  openMandatoryTasks?: number;
}

export type ApplyJourneyEventResult =
  { ok: true; position: JourneyPosition } | { ok: false; reason: 'not_allowed_in_state' | 'guard_failed' };

/** Thrown when a stored position cannot be restored (unknown state, or state and snapshot disagree). */
export class JourneyPositionError extends Error {}

type PhaseSnapshot = ReturnType<(typeof PHASE_MACHINES)[Phase]['resolveState']>;

function toPosition(phase: Phase, snapshot: PhaseSnapshot): JourneyPosition {
  const persisted = PHASE_MACHINES[phase].getPersistedSnapshot(snapshot);
  return { phase, state: snapshot.value as JourneyState, snapshot: JSON.parse(JSON.stringify(persisted)) };
}

/** The first state of a phase. */
export function phaseInitialPosition(phase: Phase): JourneyPosition {
  const machine = PHASE_MACHINES[phase];
  return toPosition(phase, machine.resolveState({ value: PHASE_SPECS[phase].initial, context: { heldIn: null } }));
}

/** A new journey: pre_spin_out / exploring. */
export function initialPosition(): JourneyPosition {
  return phaseInitialPosition('pre_spin_out');
}

function readSnapshot(raw: unknown): { value: unknown; heldIn: unknown } | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as { value?: unknown; context?: { heldIn?: unknown } };
  if (s.value === undefined) return null;
  return { value: s.value, heldIn: s.context?.heldIn ?? null };
}

/** A stored position, checked: its phase, state and (on hold) the state it was held in. */
interface CheckedPosition {
  phase: Phase;
  value: JourneyState;
  heldIn: JourneyState | null;
  /** Everything the machine's answers depend on (the snapshot's value and context), as one string. */
  key: string;
}

function checkPosition(pos: JourneyPosition): CheckedPosition {
  const machine = PHASE_MACHINES[pos.phase];
  if (!machine) throw new JourneyPositionError(`Unknown phase ${String(pos.phase)}`);
  const stored = readSnapshot(pos.snapshot);
  const value = stored ? stored.value : pos.state;
  const heldIn = stored ? stored.heldIn : null;
  const phaseStates: readonly unknown[] = PHASE_STATES[pos.phase];
  if (typeof value !== 'string' || !phaseStates.includes(value)) {
    throw new JourneyPositionError(`State ${String(value)} does not exist in phase ${pos.phase}`);
  }
  if (value !== pos.state) {
    throw new JourneyPositionError(`Stored state ${pos.state} disagrees with its snapshot (${value})`);
  }
  if (value === ON_HOLD_STATE && (typeof heldIn !== 'string' || !phaseStates.includes(heldIn))) {
    throw new JourneyPositionError('A journey on hold must record the state it was held in');
  }
  const held = (heldIn as JourneyState | null) ?? null;
  return { phase: pos.phase, value, heldIn: held, key: `${pos.phase}|${value}|${held ?? ''}` };
}

const resolve = (c: CheckedPosition): PhaseSnapshot =>
  PHASE_MACHINES[c.phase].resolveState({ value: c.value, context: { heldIn: c.heldIn } });

/** Restores the machine snapshot of a stored position (falls back to `state` when no snapshot is stored). */
export function restoreSnapshot(pos: JourneyPosition): PhaseSnapshot {
  return resolve(checkPosition(pos));
}

/*
 * The machines are pure and fixed: what they answer depends only on the phase, the state, the
 * state held in and the event (with whether its guard passes). Every request asks the same few
 * questions (the events open in a state, for each journey shown; the result of an event), so
 * the answers are kept per process: at most phases × states × held states × events of them.
 */
const available = new Map<string, readonly JourneyEventType[]>();
const applied = new Map<
  string,
  { ok: true; phase: Phase; state: JourneyState; snapshot: string } | { ok: false; reason: 'not_allowed_in_state' | 'guard_failed' }
>();

/** The state a journey on hold will resume to, or null when it is not on hold. */
export function heldState(pos: JourneyPosition): JourneyState | null {
  return pos.state === ON_HOLD_STATE ? restoreSnapshot(pos).context.heldIn : null;
}

/**
 * Applies one event. Unknown events and events the current state does not accept give
 * `not_allowed_in_state`; a guarded event whose `openMandatoryTasks` is not 0 gives `guard_failed`.
 * Reaching a phase's `phase_complete` node returns the next phase's initial position.
 * The payload is not inspected here: validate it first with `validateEventPayload`.
 */
export function applyJourneyEvent(pos: JourneyPosition, event: JourneyEventInput): ApplyJourneyEventResult {
  if (!isJourneyEventType(event.type)) return { ok: false, reason: 'not_allowed_in_state' };
  const checked = checkPosition(pos);
  // The guard passes only when openMandatoryTasks is exactly 0: that is all of the event the machine reads.
  const key = `${checked.key}|${event.type}|${event.openMandatoryTasks === 0}`;
  let answer = applied.get(key);
  if (!answer) {
    answer = computeEvent(pos.phase, resolve(checked), {
      type: event.type,
      openMandatoryTasks: event.openMandatoryTasks === 0 ? 0 : undefined,
    });
    applied.set(key, answer);
  }
  if (!answer.ok) return { ok: false, reason: answer.reason };
  // A fresh snapshot object each time: the caller stores (and may change) its own.
  return { ok: true, position: { phase: answer.phase, state: answer.state, snapshot: JSON.parse(answer.snapshot) } };
}

function computeEvent(phase: Phase, snapshot: PhaseSnapshot, machineEvent: PhaseMachineEvent) {
  if (!snapshot.can(machineEvent)) {
    const structurally = snapshot.can({ type: machineEvent.type, openMandatoryTasks: 0 });
    return { ok: false as const, reason: structurally ? ('guard_failed' as const) : ('not_allowed_in_state' as const) };
  }
  const [next] = transition(PHASE_MACHINES[phase], snapshot, machineEvent);
  let position: JourneyPosition;
  if (next.value === PHASE_COMPLETE) {
    const following = PHASE_SPECS[phase].next;
    if (!following) throw new JourneyPositionError(`Phase ${phase} has no next phase`);
    position = phaseInitialPosition(following.phase);
  } else {
    position = toPosition(phase, next);
  }
  return { ok: true as const, phase: position.phase, state: position.state, snapshot: JSON.stringify(position.snapshot) };
}

/** Events the machine accepts now if their guards pass, including internal ones. */
export function structurallyAvailableEvents(pos: JourneyPosition): JourneyEventType[] {
  const checked = checkPosition(pos);
  let events = available.get(checked.key);
  if (!events) {
    const snapshot = resolve(checked);
    events = JOURNEY_EVENT_TYPES.filter((type) => snapshot.can({ type, openMandatoryTasks: 0 }));
    available.set(checked.key, events);
  }
  return [...events];
}

/** Public events available now that the role may fire (organisation membership is the app's to check). */
export function availableEventsForRole(pos: JourneyPosition, role: Role): JourneyEventType[] {
  return structurallyAvailableEvents(pos).filter(
    (type) => !EVENT_DEFINITIONS[type].internal && EVENT_DEFINITIONS[type].roles.includes(role),
  );
}
