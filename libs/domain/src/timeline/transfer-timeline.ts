/**
 * The timeline to transfer day (pure): a journey's dated tasks in date order, today and the
 * planned transfer date placed among them, and the critical path: the longest chain of open
 * tasks linked by `dependsOn` (ties: the chain ending latest), the work that decides whether the
 * transfer date holds.
 */
export interface TimelineTask {
  id: string;
  key: string;
  title: string;
  workstream: string;
  status: string;
  dueDate: string | null;
  dependsOn: readonly string[];
  mandatory: boolean;
  statutory: boolean;
}

export type TimelineEntry =
  | { kind: 'task'; date: string; task: TimelineTask; critical: boolean; overdue: boolean; done: boolean }
  | { kind: 'today'; date: string }
  | { kind: 'transfer'; date: string };

export interface TransferTimeline {
  entries: TimelineEntry[];
  /** Keys of the critical path, first to last. */
  criticalPath: string[];
  /** Dated tasks by workstream, in date order. */
  byWorkstream: Array<{ workstream: string; tasks: TimelineTask[] }>;
}

const DONE = new Set(['completed', 'not_applicable']);

/** The longest chain of open tasks through `dependsOn` (cycles are cut). */
export function criticalPath(tasks: readonly TimelineTask[]): string[] {
  const open = new Map(tasks.filter((t) => !DONE.has(t.status)).map((t) => [t.key, t]));
  const best = new Map<string, string[]>();
  const visiting = new Set<string>();
  const chain = (key: string): string[] => {
    const hit = best.get(key);
    if (hit) return hit;
    const task = open.get(key);
    if (!task || visiting.has(key)) return [];
    visiting.add(key);
    let longest: string[] = [];
    for (const dep of task.dependsOn) {
      const c = chain(dep);
      if (
        c.length > longest.length ||
        (c.length === longest.length &&
          c.length &&
          (open.get(c[c.length - 1])?.dueDate ?? '') > (open.get(longest[longest.length - 1])?.dueDate ?? ''))
      )
        longest = c;
    }
    visiting.delete(key);
    const result = [...longest, key];
    best.set(key, result);
    return result;
  };
  let path: string[] = [];
  for (const key of open.keys()) {
    const c = chain(key);
    const end = (p: string[]) => open.get(p[p.length - 1])?.dueDate ?? '';
    if (c.length > path.length || (c.length === path.length && end(c) > end(path))) path = c;
  }
  return path.length > 1 ? path : [];
}

export function buildTransferTimeline(tasks: readonly TimelineTask[], plannedTransferDate: string, today: string): TransferTimeline {
  const path = criticalPath(tasks);
  const onPath = new Set(path);
  const dated = tasks.filter((t) => t.dueDate).sort((a, b) => a.dueDate!.localeCompare(b.dueDate!) || a.title.localeCompare(b.title));
  const entries: TimelineEntry[] = dated.map((t) => ({
    kind: 'task',
    date: t.dueDate!,
    task: t,
    critical: onPath.has(t.key),
    done: DONE.has(t.status),
    overdue: !DONE.has(t.status) && t.dueDate! < today,
  }));
  // Today goes after everything due before it, the transfer after everything due on or before it.
  const insertAt = (date: string, after: boolean) => {
    const i = entries.findIndex((e) => (after ? e.date > date : e.date >= date));
    return i === -1 ? entries.length : i;
  };
  entries.splice(insertAt(today, false), 0, { kind: 'today', date: today });
  entries.splice(insertAt(plannedTransferDate, true), 0, { kind: 'transfer', date: plannedTransferDate });
  const byWorkstream: TransferTimeline['byWorkstream'] = [];
  for (const t of dated) {
    let group = byWorkstream.find((g) => g.workstream === t.workstream);
    if (!group) byWorkstream.push((group = { workstream: t.workstream, tasks: [] }));
    group.tasks.push(t);
  }
  return { entries, criticalPath: path, byWorkstream };
}
