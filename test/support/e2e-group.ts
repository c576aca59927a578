import { basename } from 'node:path';
import { E2E_GROUPS } from './e2e-groups';
import { ownDatabase } from './own-database';

/**
 * The body of `test/groups/<name>.e2e-group.ts`: the group's files (e2e-groups.ts), each in a
 * `describe` named after its path, with a database and Redis prefix of its own, in one Jest module
 * registry. The files are required inside their `describe`, so their top-level hooks and tests
 * belong to it: one file's `beforeAll` runs only before its own tests. Jest's `-t` picks a file:
 * `PATHWAY_E2E_GROUPS=1 npx jest test/groups/web-decisions -t web/appeal-pages`. The group is the
 * one its file is named after. A file that throws while it loads fails its whole group (Jest names
 * it in the stack); a focused test (`.only`) would skip the rest of the group, so global-setup
 * refuses one.
 */
export function e2eGroup(groupFile: string): void {
  const name = basename(groupFile, '.e2e-group.ts');
  if (!Object.hasOwn(E2E_GROUPS, name)) throw new Error(`no e2e group named ${name} in test/e2e-groups.json`);
  const files = E2E_GROUPS[name];
  // A file's `jest.setTimeout` sets the timeout of every test in its Jest file, which the group is: the longest
  // wins, so a hang in a group fails after the longest of its files' limits (the limits are nets for hangs, not
  // assertions of speed: nothing here fails a test for being slow).
  const timeout = Symbol.for('TEST_TIMEOUT_SYMBOL');
  const global = globalThis as Record<symbol, number | undefined>;
  let longest = global[timeout] ?? 0;
  for (const file of files) {
    describe(file, () => {
      ownDatabase(() => {
        // A require, not an import: an import is hoisted out of the describe, and its hooks would be the whole group's.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(`../${file}.e2e-spec`);
      });
    });
    longest = Math.max(longest, global[timeout] ?? 0);
  }
  if (longest) global[timeout] = longest;
}
