import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * A multipart/form-data body carries only strings. After multer (FileInterceptor) has parsed one,
 * this gives the JSON body's types back to the fields named: a whole number for `expectedVersion`
 * ("3" → 3; anything else is left for the DTO to refuse, naming the field). Nested fields arrive
 * as objects already (`payload[reasons]`, multer's append-field). JSON bodies are left alone.
 */
@Injectable()
export class MultipartIntegers implements NestInterceptor {
  static readonly FIELDS = ['expectedVersion'];

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const body = req.body as Record<string, unknown> | undefined;
    if (req.is('multipart/form-data') && body && typeof body === 'object') {
      for (const name of MultipartIntegers.FIELDS) {
        const v = body[name];
        if (typeof v === 'string' && /^\d{1,10}$/.test(v)) body[name] = Number(v);
      }
    }
    return next.handle();
  }
}
