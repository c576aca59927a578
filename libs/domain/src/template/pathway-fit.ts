/**
 * The fit of a journey (the mutual's nation, the parent body's type, the staff transferring) and
 * which template tasks it gets. Pure; the one place the appliesTo rule lives.
 */
import { BODY_TYPES, type BodyType, NATIONS, type Nation } from '../vocabulary';
import type { PathwayTemplate, TaskAppliesTo, TaskSource, TemplateTask } from './types';

export interface JourneyFit {
  nation: Nation;
  /** null: the parent body's type is not stated, so tasks for any type are included. */
  bodyType: BodyType | null;
  staffCount: number;
}

/** Every nation and body type: what a version 1 task (no appliesTo) applies to. */
export const APPLIES_EVERYWHERE: TaskAppliesTo = { nations: [...NATIONS], bodyTypes: [...BODY_TYPES] };

export const appliesToOf = (task: TemplateTask): TaskAppliesTo => task.appliesTo ?? APPLIES_EVERYWHERE;

export function taskFits(task: TemplateTask, fit: JourneyFit): boolean {
  const a = appliesToOf(task);
  if (!a.nations.includes(fit.nation)) return false;
  if (fit.bodyType !== null && !a.bodyTypes.includes(fit.bodyType)) return false;
  if (a.staffCount?.min !== undefined && fit.staffCount < a.staffCount.min) return false;
  if (a.staffCount?.max !== undefined && fit.staffCount > a.staffCount.max) return false;
  return true;
}

/** A task as a journey in `nation` sees it: its nation variant merged over it (no byNation left). */
export function taskInNation(task: TemplateTask, nation: Nation): TemplateTask {
  const { byNation, ...rest } = task;
  const variant = byNation?.[nation];
  return variant ? { ...rest, ...variant } : rest;
}

/**
 * The template tasks a journey gets, as its nation sees them. A dependency on a task that does not
 * fit the journey is dropped (it would otherwise block forever); dependencies on tasks that fit but
 * are created later stay.
 */
export function tasksThatFit(tasks: TemplateTask[], fit: JourneyFit): TemplateTask[] {
  const fitting = tasks.filter((t) => taskFits(t, fit));
  const keys = new Set(fitting.map((t) => t.key));
  return fitting.map((t) => {
    const resolved = taskInNation(t, fit.nation);
    return resolved.dependsOn.every((d) => keys.has(d))
      ? resolved
      : { ...resolved, dependsOn: resolved.dependsOn.filter((d) => keys.has(d)) };
  });
}

/** The citation and the link of a task's source (version 1 sources are a citation only: url null). */
export function sourceOf(task: Pick<TemplateTask, 'source'>): { citation: string; url: string | null } {
  if (typeof task.source === 'string') return { citation: task.source, url: null };
  const s = task.source as TaskSource;
  return { citation: s.citation, url: s.url };
}

/** The tasks a journey planned on one template (and fit) gets or loses when re-planned on another. */
export interface ReplanDiff {
  added: TemplateTask[];
  removed: string[];
  kept: TemplateTask[];
}

/**
 * `existingKeys`: keys of the journey's template tasks now (custom tasks are not the template's and
 * are never touched). `firedEvents`: events already fired, so tasks created on them count.
 */
export function replanDiff(target: PathwayTemplate, fit: JourneyFit, existingKeys: string[], firedEvents: string[]): ReplanDiff {
  const wanted = tasksThatFit(target.tasks, fit).filter((t) => t.createdOn === undefined || firedEvents.includes(t.createdOn));
  const wantedKeys = new Set(wanted.map((t) => t.key));
  const have = new Set(existingKeys);
  return {
    added: wanted.filter((t) => !have.has(t.key)),
    removed: existingKeys.filter((k) => !wantedKeys.has(k)),
    kept: wanted.filter((t) => have.has(t.key)),
  };
}
