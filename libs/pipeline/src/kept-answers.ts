import type { PipelineScope } from './pipeline-scope';

/** How many scopes and filter combinations each kind of kept answer holds (the oldest goes first). */
export const KEPT_ANSWERS = 200;

/** The instants an answer holds for: from when it was computed until (not at) the first instant the clock alone changes it. */
export interface KeptWindow {
  from: Date;
  until: Date;
}

interface Kept<T> {
  version: string;
  answer: T;
  window?: KeptWindow;
}

/**
 * Answers an API process keeps between requests, per caller's scope and filters, each under the
 * version of its inputs read before it was computed (a counter that every write to those inputs
 * moves in its own transaction, kept by triggers: see the migrations that make
 * `pipeline_results_version` and `pipeline_summary_version`). An answer is served only while the
 * version read for the request equals the one it was kept under and, when it has a window, the
 * request's instant is inside it; otherwise the caller computes it again and keeps the new one.
 * Answers are copied in and out, so a caller may change what it gets.
 */
export class KeptAnswers<T> {
  private readonly kept = new Map<string, Kept<T>>();

  constructor(private readonly size = KEPT_ANSWERS) {}

  /** Every filter given, whichever it is, so a filter added later cannot share another's answer. */
  static key(scope: PipelineScope, filters: object): string {
    const set = Object.entries(filters as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
    return JSON.stringify([scope.departmentId, set.sort(([a], [b]) => a.localeCompare(b))]);
  }

  get(key: string, version: string, at?: Date): T | undefined {
    const hit = this.kept.get(key);
    if (!hit || hit.version !== version) return undefined;
    if (hit.window) {
      const t = (at ?? new Date()).getTime();
      if (t < hit.window.from.getTime() || t >= hit.window.until.getTime()) return undefined;
    }
    return structuredClone(hit.answer);
  }

  set(key: string, version: string, answer: T, window?: KeptWindow): void {
    this.kept.delete(key);
    if (this.kept.size >= this.size) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, { version, answer: structuredClone(answer), window });
  }
}
