import { isUtf8 } from 'node:buffer';
import { BadRequestException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, urlencoded, type NextFunction, type Request, type Response } from 'express';
import { textProblem } from '@pathway/domain/bounds/bounds';

/**
 * Limits applied where a request body is parsed, before any pipe or DTO sees it:
 * - size: more than BODY_LIMIT_BYTES is a 413 saying so;
 * - depth: JSON nested deeper than MAX_BODY_DEPTH is a 400 saying so (class-transformer and
 *   class-validator recurse, so 10,000 levels used to overflow the stack: a 500);
 * - encoding: a body declared UTF-8 that is not valid UTF-8 is a 400 (it used to be stored with
 *   U+FFFD while the 201 echoed the original);
 * then, on the parsed body and the query string, every key and string value:
 * - `__proto__`, `constructor` and `prototype` keys are 400 (JSON.parse keeps them as own keys,
 *   class-transformer silently drops them, so they were the one unknown key that was not refused);
 * - text with control characters (tab, CR, LF allowed) or unpaired surrogates is 400 naming the field.
 */
export const BODY_LIMIT_BYTES = 100 * 1024;
export const MAX_BODY_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class BodyError extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

/** Deepest `{`/`[` nesting of a JSON text, scanning bytes (strings skipped); stops early past `max`. */
export function jsonDepthExceeds(buf: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function verifyJson(_req: Request, _res: Response, buf: Buffer, encoding: string): void {
  if (/^utf-?8$/i.test(encoding) && !isUtf8(buf))
    throw new BodyError(400, 'the request body is not valid UTF-8', 'entity.encoding.invalid');
  if (jsonDepthExceeds(buf, MAX_BODY_DEPTH)) {
    throw new BodyError(
      400,
      `the request body is nested too deeply (more than ${MAX_BODY_DEPTH} levels of objects and arrays)`,
      'entity.too.deep',
    );
  }
}

function verifyForm(_req: Request, _res: Response, buf: Buffer): void {
  // Percent-encoded bytes are decoded later; raw bytes must already be UTF-8 (or ASCII).
  if (!isUtf8(buf)) throw new BodyError(400, 'the request body is not valid UTF-8', 'entity.encoding.invalid');
}

/** Every problem with the keys and text of a parsed body or query, each naming its field. */
export function inputProblems(root: unknown, where: 'body' | 'query'): string[] {
  const problems: string[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { value, path, depth } = stack.pop()!;
    const name = path || (where === 'body' ? 'the request body' : 'the query string');
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) problems.push(`${name} ${problem}`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push(`${name} is nested too deeply (more than ${MAX_BODY_DEPTH} levels)`);
      continue;
    }
    for (const key of Object.keys(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push(where === 'query' ? `query parameter ${childPath} should not exist` : `property ${childPath} should not exist`);
        continue;
      }
      const keyProblem = textProblem(key);
      if (keyProblem) {
        problems.push(`the name of ${where === 'query' ? 'a query parameter' : 'a property'} ${keyProblem}`);
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}

/** Refuses a request whose parsed body or query string breaks the rules above (400 naming each field). */
export function guardInput(req: Request, _res: Response, next: NextFunction): void {
  const problems = [...inputProblems(req.body, 'body'), ...inputProblems(req.query, 'query')];
  if (problems.length > 0) return next(new BadRequestException(problems));
  next();
}

/**
 * Installs the JSON and form parsers with the limits above (Nest's default parsers are then
 * skipped), followed by the guard. Call before any route or other body parser is registered.
 */
export function installRequestGuard(app: NestExpressApplication): void {
  // Nest skips its own parsers when layers named jsonParser / urlencodedParser are already installed.
  app.use(json({ limit: BODY_LIMIT_BYTES, verify: verifyJson }));
  app.use(urlencoded({ extended: true, limit: BODY_LIMIT_BYTES, parameterLimit: 1000, verify: verifyForm }));
  app.use(guardInput);
}
