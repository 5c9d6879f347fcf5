import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@sportello/eventstore';
import { RequestContext, RequestWithActor, Revisioned } from '@sportello/platform';
import { Inject } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, mergeMap, Observable, throwError } from 'rxjs';
import { applyRectifications } from '../domain/personal-fields';
import { rectificationsOf } from '../application/rectifying/rectifications';
import { AccessLog } from './access-log';
import { PersonalDataReads } from './personal-data-reads';

/**
 * Around every request: records which subjects' personal data it opened, by whom (issue 8), and
 * on reads shows corrected values in place of the ones a rectification replaced — except to an
 * auditor, who sees the log as it is while the subject's key exists.
 */
@Injectable()
export class PersonalDataAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly context: RequestContext,
    private readonly reads: PersonalDataReads,
    private readonly log: AccessLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const store = this.context.current();
    if (execution.getType() !== 'http' || !store) return next.handle();
    const request = execution.switchToHttp().getRequest<Request & RequestWithActor>();
    const settle = () => {
      const subjects = this.reads.take(store);
      const actor = request.actor ?? store.actor;
      if (actor && subjects.size)
        this.log.record(subjects, {
          actorId: actor.id,
          role: actor.role,
          method: request.method,
          route: (request.route as { path?: string } | undefined)?.path ?? 'unknown',
          requestId: store.requestId,
        });
      return { subjects, role: actor?.role ?? null };
    };
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const { subjects, role } = settle();
        if (request.method !== 'GET' || subjects.size === 0 || role === 'auditor') return body;
        return this.rectified(body, subjects);
      }),
      catchError((error: unknown) => {
        settle();
        return throwError(() => error);
      }),
    );
  }

  private async rectified(body: unknown, subjects: Set<string>): Promise<unknown> {
    const corrections = (
      await Promise.all([...subjects].map((id) => rectificationsOf(this.store, id)))
    ).flat();
    if (corrections.length === 0) return body;
    if (body instanceof Revisioned)
      return new Revisioned(
        applyRectifications(body.body, corrections),
        body.revision,
        body.location,
      );
    return applyRectifications(body, corrections);
  }
}
