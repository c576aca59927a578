/**
 * Version 3 of the pathway template: version 2's tasks with this round's changes applied
 * (decisions that hold, the sustainability cycle). Versions are immutable once shipped, so every
 * change to what new journeys get goes here, never into v1 or v2.
 *
 * Each change is data: `V3_TASK_CHANGES` (fields replaced on a v2 task, by key) and
 * `V3_NEW_TASKS` (tasks v2 did not have). Template-level settings are set on the object below.
 */
import { PATHWAY_TEMPLATE_V2 } from './pathway-template.v2';
import type { PathwayTemplate, TemplateTask } from './types';

/** Fields replaced on version 2 tasks, by task key. */
const V3_TASK_CHANGES: Record<string, Partial<TemplateTask>> = {
  // Staff support is the gate of a spin-out (DOMAIN.md): the ballot is recorded as evidence, not ticked.
  hold_staff_ballot: { evidence: 'staff_ballot' },
};

/** Tasks that version 2 did not have. */
const V3_NEW_TASKS: TemplateTask[] = [];

/** Version 3's tasks: version 2's with their changes, then the new ones (keys stay unique: validateTemplate checks). */
export function buildV3Tasks(v2: readonly TemplateTask[]): TemplateTask[] {
  return [...v2.map((t) => ({ ...t, ...(V3_TASK_CHANGES[t.key] ?? {}) })), ...V3_NEW_TASKS];
}

export const PATHWAY_TEMPLATE_V3: PathwayTemplate = {
  ...PATHWAY_TEMPLATE_V2,
  version: 3,
  name: 'Public service mutual spin-out pathway (decisions that hold, sustainability and growth)',
  publishedOn: '2026-12-02',
  tasks: buildV3Tasks(PATHWAY_TEMPLATE_V2.tasks),
  // An upheld appeal asks the parent body to decide again (Taskforce rec. 2 ii): a pathway default, as editable as the 30 days to respond.
  reconsiderationResponseDays: 20,
  // A majority of eligible staff vote in a secret ballot, and a majority of those voting for or against support (CONTRACT "Staff voice").
  staffSupportThreshold: { minTurnout: 0.5, minSupportShare: 0.5 },
};
