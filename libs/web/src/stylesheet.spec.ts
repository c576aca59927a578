import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_PATHS } from './paths';

/**
 * The blocks of a stylesheet: each `{` with its selector (or at-rule) and depth, so a rule
 * opened inside another plain rule (a brace left open by a merge) or braces that do not
 * balance are found. Comments and strings are skipped.
 */
function cssProblems(css: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let prelude = '';
  let line = 1;
  for (let i = 0; i < css.length; i += 1) {
    const c = css[i];
    if (c === '\n') line += 1;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) return [...problems, `line ${line}: comment never closed`];
      line += (css.slice(i, end).match(/\n/g) ?? []).length;
      i = end + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      if (end < 0) return [...problems, `line ${line}: string never closed`];
      i = end;
      continue;
    }
    if (c === '{') {
      const selector = prelude.trim();
      const parent = stack.length ? stack[stack.length - 1] : null;
      if (parent !== null && !parent.startsWith('@')) problems.push(`line ${line}: "${selector}" opened inside "${parent}"`);
      stack.push(selector);
      prelude = '';
    } else if (c === '}') {
      if (!stack.pop()) problems.push(`line ${line}: "}" closes nothing`);
      prelude = '';
    } else if (c === ';') {
      prelude = '';
    } else {
      prelude += c;
    }
  }
  for (const open of stack) problems.push(`"${open}" is never closed`);
  return problems;
}

describe('public/pathway.css', () => {
  it('finds the faults it is meant to find', () => {
    expect(cssProblems('.a { color: red; }')).toEqual([]);
    expect(cssProblems('@media (x) { .a { color: red; } }')).toEqual([]);
    expect(cssProblems('.a { display: block;\n.b { color: red; }')).toEqual(['line 2: ".b" opened inside ".a"', '".a" is never closed']);
    expect(cssProblems('.a { content: "}"; }')).toEqual([]);
    expect(cssProblems('.a { }\n}')).toEqual(['line 2: "}" closes nothing']);
  });

  it('is well formed: every rule closed, none opened inside another', () => {
    expect(cssProblems(readFileSync(join(WEB_PATHS.public, 'pathway.css'), 'utf8'))).toEqual([]);
  });
});
