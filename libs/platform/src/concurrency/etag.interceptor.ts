import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import { etagOf } from './etag';
import { Revisioned } from './revisioned';

/** Unwraps `Revisioned` results, setting `ETag` (and `Location` when given). */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value) => {
        if (!(value instanceof Revisioned)) return value;
        const response = context.switchToHttp().getResponse<Response>();
        if (value.revision !== null) response.setHeader('ETag', etagOf(value.revision));
        if (value.location) response.setHeader('Location', value.location);
        return value.body;
      }),
    );
  }
}
