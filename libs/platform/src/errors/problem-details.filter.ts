import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../context/request-id';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problemTypeUri } from './problem';
import { problemForError } from './problem-for-error';

/** The one exception filter: every error leaves as `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = problemForError(error);
    if (problem.status >= 500 && problem.slug === 'internal-error') {
      // Name, code and stack only: driver errors carry row values in other properties.
      const { name, message, stack, code } = error as Error & { code?: unknown };
      this.logger.error({ error: { type: name, code, message, stack } }, 'Request failed');
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // The RFC 9457 members come last: an extension can never overwrite them.
    const body = {
      ...problem.extensions,
      type: problemTypeUri(problem.slug),
      title: PROBLEM_TYPES[problem.slug].title,
      status: problem.status,
      detail: problem.detail,
      instance: pathOf(request),
      requestId: requestIdOf(request, response),
    };
    response.status(problem.status);
    for (const [name, value] of Object.entries(problem.headers ?? {}))
      response.setHeader(name, value);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.end(JSON.stringify(body));
  }
}

/** The path without the query string, which may carry personal data. */
function pathOf(request: Request): string {
  const url = request.originalUrl ?? request.url ?? '/';
  const question = url.indexOf('?');
  return question === -1 ? url : url.slice(0, question);
}
