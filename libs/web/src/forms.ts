import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

/**
 * A form's errors as the GOV.UK components want them: `fields.email` for a component's
 * `errorMessage`, `list` for `govukErrorSummary({ errorList })`. First message per field, in the
 * order given (which should be the order of the fields on the page).
 */
export interface FormErrors {
  fields: Record<string, { text: string }>;
  list: Array<{ text: string; href: string }>;
}

/** Builds FormErrors from [field, message] pairs; undefined when there are none. */
export function formErrors(pairs: Array<[field: string, message: string]>): FormErrors | undefined {
  const fields: FormErrors['fields'] = {};
  const list: FormErrors['list'] = [];
  for (const [field, text] of pairs) {
    if (fields[field]) continue;
    fields[field] = { text };
    list.push({ text, href: `#${field}` });
  }
  return list.length ? { fields, list } : undefined;
}

/** One failed constraint: the field (nested names joined with '-'), the constraint's name and its message. */
type Failure = [field: string, constraint: string, message: string];

function flatten(errors: ValidationError[], parent = ''): Failure[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}-${e.property}` : e.property;
    const own: Failure[] = Object.entries(e.constraints ?? {})
      .slice(0, 1)
      .map(([constraint, m]) => [field, constraint, m]);
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Words for people, per field: one message for any failure of the field, or one per class-validator
 * constraint (`{ isNotEmpty: 'Enter the reasons', maxLength: 'Reasons must be 5,000 characters or fewer' }`)
 * with `'*'` for the rest. A failure with no words keeps the DTO's own message.
 */
export type FormWords = Partial<Record<string, string | Partial<Record<string, string>>>>;

function wordsFor(words: FormWords, [field, constraint, message]: Failure): string {
  const w = words[field];
  if (typeof w === 'string') return w;
  return w?.[constraint] ?? w?.['*'] ?? message;
}

async function failures<T extends object>(dto: new () => T, body: unknown): Promise<{ value: T; failed: Failure[] }> {
  const value = plainToInstance(dto, body ?? {}, { exposeDefaultValues: true });
  const problems = await validate(value, { whitelist: true, forbidUnknownValues: false });
  return { value, failed: flatten(problems) };
}

/**
 * Validates a posted form against a class-validator DTO: the API's own DTO where the form posts
 * what an API call takes (one set of rules for both), with `words` for people (see FormWords),
 * or a web DTO whose messages are already written for the user (e.g. `@IsNotEmpty({ message:
 * 'Enter a due date' })`). Controllers take `@Body() body: Record<string, unknown>` (so the global
 * ValidationPipe leaves it alone) and re-render the form with `errors` when there are any,
 * keeping what the user typed.
 */
export async function validateForm<T extends object>(
  dto: new () => T,
  body: unknown,
  words: FormWords = {},
): Promise<{ value: T; errors?: FormErrors }> {
  const { value, failed } = await failures(dto, body);
  return { value, errors: formErrors(failed.map((f) => [f[0], wordsFor(words, f)])) };
}

/**
 * The API DTO's refusals of an input a form has already read into the API's shape (numbers
 * parsed, yes/no made booleans), as problems on the form in `words`: the form reads what people
 * type, the API's DTO keeps the rules, once.
 */
export async function dtoProblems(
  dto: new () => object,
  input: unknown,
  words: FormWords = {},
  alreadyRefused: readonly FormProblem[] = [],
): Promise<FormProblem[]> {
  const { failed } = await failures(dto, input);
  // A field the form has already refused (an empty box, a number that is not one) is not judged twice.
  const refused = new Set(alreadyRefused.map((p) => p.field));
  return failed.filter((f) => !refused.has(f[0])).map((f) => ({ field: f[0], text: wordsFor(words, f) }));
}

/** Problems in the order of their fields on the page (`fields`, in page order); a field not listed goes last. Sorts in place. */
export function inPageOrder(problems: FormProblem[], fields: readonly string[]): FormProblem[] {
  const at = (f: string) => (fields.includes(f) ? fields.indexOf(f) : fields.length);
  return problems.sort((a, b) => at(a.field) - at(b.field));
}

/** A posted field as a string ('' when missing or not a string). */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** One problem on a form: the field it belongs to, the message, and where its summary link points (default `#field`). */
export interface FormProblem {
  field: string;
  text: string;
  href?: string;
}

/**
 * FormErrors from problems, keeping every summary line (several may point at one field, such as
 * the tasks a guard names) but only the first inline message per field. Undefined when empty.
 */
export function buildFormErrors(problems: FormProblem[]): FormErrors | undefined {
  const fields: FormErrors['fields'] = {};
  const list: FormErrors['list'] = [];
  const seen = new Set<string>();
  for (const { field, text, href } of problems) {
    if (!fields[field]) fields[field] = { text };
    const link = href ?? `#${field}`;
    if (seen.has(`${link}|${text}`)) continue;
    seen.add(`${link}|${text}`);
    list.push({ text, href: link });
  }
  return list.length ? { fields, list } : undefined;
}
