/**
 * Renders a phase machine as a Mermaid `stateDiagram-v2`, walking the machine definition itself
 * (state nodes and their transitions), so the diagram cannot disagree with the code.
 */
import { AnyStateMachine } from 'xstate';

type GuardLike = unknown;

function guardLabel(guard: GuardLike): string {
  if (!guard) return '';
  if (typeof guard === 'string') return ` [${guard}]`;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    const args = params ? Object.values(params).map(String).join(', ') : '';
    return args ? ` [${type} ${args}]` : ` [${type}]`;
  }
  return ' [guard]';
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const root = machine.root;
  const initial = root.initial?.target?.[0]?.key;
  if (initial) lines.push(`  [*] --> ${initial}`);
  const descriptions: string[] = [];
  for (const node of Object.values(root.states)) {
    for (const [eventType, transitions] of node.transitions) {
      for (const t of transitions) {
        for (const target of t.target ?? []) {
          lines.push(`  ${node.key} --> ${target.key}: ${eventType}${guardLabel(t.guard)}`);
        }
      }
    }
    if (node.type === 'final') lines.push(`  ${node.key} --> [*]`);
    if (node.description) descriptions.push(`  ${node.key}: ${node.description}`);
  }
  return [...lines, ...descriptions].join('\n') + '\n';
}
