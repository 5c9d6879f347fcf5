import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of, switchMap } from 'rxjs';
import { RequestWithActor } from '../auth/actor';
import { ProblemException } from '../errors/problem';
import { IdempotencySecrets } from './idempotency-secrets';
import { IdempotencyStore } from './idempotency-store';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** Response headers worth replaying: the rest are recomputed per response. */
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * `Idempotency-Key` on POST: the first response (status, body, ETag, Location) is remembered per
 * caller and key and replayed for a retry with the same body, which then runs nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(IdempotencySecrets) private readonly secrets: IdempotencySecrets,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_FORMAT.test(key))
      throw ProblemException.of(
        'malformed-request',
        'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)',
      );

    const scope = request.actor?.id ?? 'anonymous';
    const path = request.originalUrl.split('?')[0];
    const fingerprint = this.secrets.fingerprint(request.method, path, request.body);

    return from(this.store.begin(scope, key, fingerprint)).pipe(
      switchMap((outcome) => {
        switch (outcome.kind) {
          case 'replay':
            response.status(outcome.response.status);
            for (const [name, value] of Object.entries(outcome.response.headers))
              response.setHeader(name, value);
            response.setHeader(REPLAYED_HEADER, 'true');
            return of(outcome.response.body);
          case 'different-request':
            throw ProblemException.of(
              'idempotency-key-reused',
              'This Idempotency-Key was already used with a different request; use a new key',
            );
          case 'in-flight':
            throw ProblemException.of(
              'idempotency-request-in-flight',
              'The first request with this Idempotency-Key has not finished; retry later',
              { headers: { 'Retry-After': '1' } },
            );
          case 'started':
            return next.handle().pipe(
              mergeMap(async (body: unknown) => {
                await this.remember(scope, key, response, body);
                return body;
              }),
              catchError(async (error: unknown) => {
                await this.store.release(scope, key).catch(() => undefined);
                throw error;
              }),
            );
        }
      }),
    );
  }

  private async remember(scope: string, key: string, response: Response, body: unknown) {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = response.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    try {
      await this.store.complete(scope, key, { status: response.statusCode, headers, body });
    } catch (error) {
      // The command did happen: answer it. A retry finds the key in flight until its lease ends.
      this.logger.warn(
        { error: { type: (error as Error)?.name } },
        'Could not remember an idempotent response',
      );
    }
  }
}
