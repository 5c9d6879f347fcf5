import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError } from '@sportello/decider';
import {
  ConcurrencyConflictError,
  EventStoreUnavailableError,
  InvalidCheckpointError,
  StaleRevisionError,
  SubjectErasedError,
  WrongExpectedRevisionError,
} from '@sportello/eventstore';
import { KeySetUnavailableError } from '../auth/token-verifier';
import { isRedisUnavailable } from '../redis/redis-errors';
import { Problem, problem, ProblemException, ProblemSlug } from './problem';

/** Errors raised by Express and body-parser carry a `type` and an HTTP status. */
interface HttpParserError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
}

const RETRY_SOON = { 'Retry-After': '5' };

/**
 * PostgreSQL's refusal of a character (SQLSTATE 22021, 22P05): only input carries such text.
 * Validation refuses it first where a DTO declares the field; this covers any other path.
 */
function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}

/**
 * Maps anything thrown while serving a request to the problem the client sees. Client input
 * never yields a 500; internal messages never reach the client (only our own, written for it).
 */
export function problemForError(error: unknown): Problem {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError) return domainProblem(error);
  if (error instanceof StaleRevisionError)
    return problem('precondition-failed', error.message, {
      extensions: { currentRevision: error.actual },
    });
  if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedRevisionError)
    return problem(
      'concurrency-conflict',
      'The resource was changed by someone else at the same time; read it again and retry',
    );
  if (error instanceof SubjectErasedError)
    return problem(
      'subject-erased',
      'Personal data can no longer be recorded for this data subject: it was erased',
    );
  if (error instanceof InvalidCheckpointError)
    return problem('malformed-request', 'The position given is not one this store produced');
  if (isUnstorableText(error))
    return problem(
      'malformed-request',
      'The request holds text the database cannot store (a NUL or an invalid character)',
    );
  if (error instanceof EventStoreUnavailableError)
    return problem('service-unavailable', 'The database is unavailable; retry shortly', {
      headers: RETRY_SOON,
    });
  if (isRedisUnavailable(error))
    return problem('service-unavailable', 'The queue store is unavailable; retry shortly', {
      headers: RETRY_SOON,
    });
  if (error instanceof KeySetUnavailableError)
    return problem('service-unavailable', 'Tokens cannot be verified right now; retry shortly', {
      headers: RETRY_SOON,
    });
  if (error instanceof ThrottlerException)
    return problem('too-many-requests', 'Slow down: the request rate limit was reached');
  if (error instanceof HttpException) return httpExceptionProblem(error);
  const parser = parserProblem(error as HttpParserError);
  if (parser) return parser;
  return problem(
    'internal-error',
    'Something went wrong on our side; quote the request id when reporting it',
  );
}

/** Members of the problem document itself: a domain detail of the same name is renamed. */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'requestId']);

function domainProblem(error: DomainError): Problem {
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error.details ?? {}))
    extensions[RESERVED.has(key) ? `resource${key[0].toUpperCase()}${key.slice(1)}` : key] = value;
  if (error.ruleId) extensions.ruleId = error.ruleId;
  switch (error.kind) {
    case 'rule_violation':
      return problem('rule-violation', error.message, { extensions });
    case 'conflicting_state':
      return problem('conflicting-state', error.message, { extensions });
    case 'not_found':
      return problem('not-found', error.message, { extensions });
  }
}

const STATUS_SLUGS: Partial<Record<number, ProblemSlug>> = {
  400: 'malformed-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflicting-state',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'rule-violation',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

function httpExceptionProblem(error: HttpException): Problem {
  const status = error.getStatus();
  if (status === HttpStatus.SERVICE_UNAVAILABLE)
    return problem('service-unavailable', 'A dependency is unavailable; retry shortly', {
      headers: RETRY_SOON,
    });
  if (status >= 500) return problemForError(new Error('unmapped HTTP exception'));
  const slug = STATUS_SLUGS[status] ?? 'malformed-request';
  // The router's own 404 says "Cannot GET /path?query": the query may hold personal data.
  if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(error.message))
    return problem('not-found', 'No resource is served at this address');
  // Nest rethrows the router's URIError with the undecodable text in the message.
  if (status === HttpStatus.BAD_REQUEST && /^Failed to decode param/.test(error.message))
    return problem('malformed-request', 'The address contains an invalid percent-encoding');
  const response = error.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : typeof (response as { message?: unknown }).message === 'string'
        ? (response as { message: string }).message
        : error.message;
  return problem(slug, message);
}

function parserProblem(error: HttpParserError): Problem | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = Number(error.status ?? error.statusCode);
  if (!Number.isInteger(status) || status < 400 || status >= 500) return null;
  switch (error.type) {
    case 'entity.parse.failed':
      return problem('malformed-request', 'The request body is not valid JSON');
    case 'entity.too.large':
      return problem('payload-too-large', 'The request body exceeds the size limit');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem('unsupported-media-type', 'Send the body as UTF-8 JSON');
    default:
      // Any other 4xx from Express itself (an undecodable URL, an aborted upload): the client's
      // doing, described without echoing what was sent.
      return problem(STATUS_SLUGS[status] ?? 'malformed-request', 'The request could not be read');
  }
}
