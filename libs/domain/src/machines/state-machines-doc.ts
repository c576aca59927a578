/** The generated `docs/state-machines.md`: one Mermaid diagram per phase plus the event table. */
import { DECLINE_GROUNDS, DECLINE_GROUND_LABELS } from '../decline-grounds';
import { EVENT_DEFINITIONS, JOURNEY_EVENT_TYPES } from '../events';
import { PHASES } from '../vocabulary';
import { PHASE_MACHINES } from './phase-machines';
import { toMermaid } from './to-mermaid';

export const STATE_MACHINES_DOC_PATH = 'docs/state-machines.md';

export function renderStateMachinesDoc(): string {
  const parts: string[] = [
    '# Journey state machines',
    '',
    '<!-- GENERATED from libs/domain/src/machines by renderStateMachinesDoc(); do not edit by hand. -->',
    '<!-- Regenerate: UPDATE_DOCS=1 npx jest --selectProjects unit libs/domain/src/machines/state-machines-doc.spec.ts -->',
    '',
    'Each phase is an XState v5 machine driven with the pure `transition()` function.',
    'Guarded events pass only when every mandatory checklist task gated on the current state is',
    'completed or not applicable (`mandatoryTasksComplete`). `put_on_hold` records the state it',
    'leaves; `resume` returns to exactly that state (`wasHeldIn`). `withdraw` is final.',
    '',
    'Appeals (libs/domain/src/appeals.ts): a declined expression of interest (`declined`) and a refused',
    'business case (`business_case_rejected`) can be appealed by the mutual lead. The escalation point',
    'cannot overrule the parent body (Taskforce recommendation 2 ii): an upheld appeal sends the',
    'journey back to the decision (`awaiting_parent_body_response` / `awaiting_approval`), with a new',
    'deadline of the template\'s `reconsiderationResponseDays` working days and the finding; a dismissed',
    'one leaves the refusal standing. An appeal against a reconsidered decision goes straight to the',
    'independent arbiter (level 2).',
    '',
  ];
  for (const phase of PHASES) {
    parts.push(`## ${phase}`, '', '```mermaid', toMermaid(PHASE_MACHINES[phase]).trimEnd(), '```', '');
  }
  parts.push(
    '## Events',
    '',
    '| event | label | who fires it | required payload | governance | guarded | internal |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const type of JOURNEY_EVENT_TYPES) {
    const d = EVENT_DEFINITIONS[type];
    const roles = d.internal ? 'the system, when an appeal escalation is resolved' : d.roles.join(', ');
    parts.push(
      `| \`${type}\` | ${d.label} | ${roles} | ${d.requiredPayload.join(', ') || '-'} | ${d.decision ?? '-'} | ${d.guarded ? 'yes' : 'no'} | ${d.internal ? 'yes' : 'no'} |`,
    );
  }
  parts.push('', '## Grounds for declining an expression of interest', '');
  parts.push(
    'Which grounds a parent body is offered depends on the journey (`GET /api/right-to-provide-requests/decline-grounds?journeyId=`):',
    'the Community Right to Challenge ones only for a council or fire and rescue authority in England; see docs/pathway.md.',
    '',
  );
  for (const ground of DECLINE_GROUNDS) parts.push(`- \`${ground}\`: ${DECLINE_GROUND_LABELS[ground]}`);
  return parts.join('\n') + '\n';
}
