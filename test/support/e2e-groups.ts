import groups from '../e2e-groups.json';

/**
 * What `npm test` runs as one Jest file each (`test/groups/<name>.e2e-group.ts`), from
 * test/e2e-groups.json: e2e files that share one Jest module registry, so the ~2,700 modules the
 * app needs are loaded once per group rather than once per file (~1.3 s of CPU each, 78 times).
 * Each file still has its own database and Redis prefix (own-database.ts) and runs as it does
 * alone, in a `describe` named after it. The groups are sized from a run's durations so the
 * workers finish together (the reminders' real-time file alone) and listed heaviest first: that is
 * the order Jest starts them in when it has no timings of its own yet (test/support/sequencer.js).
 * Every e2e file is in exactly one group (global-setup checks it when the groups run).
 */
export const E2E_GROUPS: Readonly<Record<string, readonly string[]>> = groups;

/** Each file's path under test/, without `.e2e-spec.ts`, beside the group it is in (an error if in two). */
export function groupOfEachFile(): Map<string, string> {
  const groupOf = new Map<string, string>();
  for (const [group, files] of Object.entries(E2E_GROUPS)) {
    for (const file of files) {
      const other = groupOf.get(file);
      if (other) throw new Error(`test/${file}.e2e-spec.ts is in two e2e groups: ${other} and ${group}`);
      groupOf.set(file, group);
    }
  }
  return groupOf;
}
