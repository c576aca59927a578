import { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's scale is 0-4; 3 is "safely unguessable" (about 10^8 guesses and up). */
const MIN_SCORE = 3;
/** Past this, extra characters only make the estimate slower, never a weak password stronger. */
const CHECKED_CHARACTERS = 100;

let factory: ZxcvbnFactory | undefined;
/**
 * Built on first use: the word lists (common and breached passwords, English words and names) are
 * 7 MB, so they are loaded only when a password is first checked, not at every process start.
 */
function zxcvbn(): ZxcvbnFactory {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return factory;
}

/**
 * The one password rule, for every path that sets a password (API, invitation, reset): at least
 * 12 characters (NCSC: length over complexity), and not guessable. "Not guessable" is zxcvbn-ts
 * with its maintained lists of common and breached passwords, English words and names, plus its
 * pattern matchers (repeats such as `aaaaaaaaaaaa`, sequences, keyboard walks, dates, l33t),
 * and the person's own email and name. A password scoring under 3 of 4 is refused.
 * Returns the problem in words for the person, or null when the password is acceptable.
 */
export function passwordProblem(password: string, personal: Array<string | null | undefined> = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  const inputs = personal.flatMap((p) => (p ? [p, ...p.split(/[@.\s_-]+/).filter((x) => x.length >= 3)] : []));
  const result = zxcvbn().check(password.slice(0, CHECKED_CHARACTERS), inputs);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '').toLowerCase()})` : '';
  return `Password is too easy to guess${why}: use 3 or more random words, or a password manager`;
}
