import { BadRequestException, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { inputProblems } from '../http/request-guard';

/** The parsed multipart/form-data body of the request, or null for any other body. */
function multipartBody(context: ExecutionContext): Record<string, unknown> | null {
  const req = context.switchToHttp().getRequest<Request>();
  const body = req.body as Record<string, unknown> | undefined;
  return req.is('multipart/form-data') && body && typeof body === 'object' ? body : null;
}

/**
 * Judges a multipart/form-data body like a JSON one, after multer (FileInterceptor) has parsed it.
 * The request guard (libs/platform/src/http/request-guard.ts) runs before multer and so never sees
 * these fields: here the same checks refuse a `__proto__`, `constructor` or `prototype` key
 * (`payload[constructor]`, which class-transformer would otherwise drop silently, letting the
 * request through) and text with control characters, with a 400 naming the field. Put it beside
 * every FileInterceptor. JSON and form bodies are left alone (the guard has judged them).
 */
@Injectable()
export class MultipartFields implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body = multipartBody(context);
    if (body) {
      const problems = inputProblems(body, 'body');
      if (problems.length > 0) throw new BadRequestException(problems);
      this.retype(body);
    }
    return next.handle();
  }

  /** Hook for subclasses: give fields their JSON types back. */
  protected retype(_body: Record<string, unknown>): void {}
}

/**
 * MultipartFields, and then, for an API DTO: a multipart body carries only strings, so this gives
 * the JSON body's types back to the fields named: a whole number for `expectedVersion` ("3" → 3;
 * anything else is left for the DTO to refuse, naming the field). Nested fields arrive as objects
 * already (`payload[reasons]`, multer's append-field).
 */
@Injectable()
export class MultipartIntegers extends MultipartFields {
  static readonly FIELDS = ['expectedVersion'];

  protected override retype(body: Record<string, unknown>): void {
    for (const name of MultipartIntegers.FIELDS) {
      const v = body[name];
      if (typeof v === 'string' && /^\d{1,10}$/.test(v)) body[name] = Number(v);
    }
  }
}
