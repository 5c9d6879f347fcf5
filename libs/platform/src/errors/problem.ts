/**
 * RFC 9457 problem details. Every error response of Sportello is one of these, served as
 * `application/problem+json`.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const PROBLEM_TYPES = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-request': { status: 400, title: 'The request is malformed' },
  unauthorized: { status: 401, title: 'Authentication is required' },
  forbidden: { status: 403, title: 'Your roles do not allow this' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'This method is not allowed here' },
  'not-acceptable': { status: 406, title: 'No acceptable representation' },
  'conflicting-state': { status: 409, title: 'The resource is not in a state that allows this' },
  'concurrency-conflict': { status: 409, title: 'The resource was changed at the same time' },
  'idempotency-request-in-flight': {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
  },
  'subject-erased': { status: 409, title: 'The data subject was erased' },
  'precondition-failed': { status: 412, title: 'The resource has changed since you read it' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body encoding is not supported' },
  'rule-violation': { status: 422, title: 'A business rule forbids this' },
  'headers-too-large': { status: 431, title: 'The request line or headers are too large' },
  'idempotency-key-reused': {
    status: 422,
    title: 'This Idempotency-Key was used for a different request',
  },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  'service-unavailable': { status: 503, title: 'A service Sportello depends on is unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export function problemTypeUri(slug: ProblemSlug): string {
  return `urn:sportello:problem:${slug}`;
}

export interface FieldError {
  /** Dot path of the offending field, e.g. `invoice.amountCents` or `involved.0.phone`. */
  field: string;
  /** What is expected; never the rejected value. */
  reason: string;
}

export interface Problem {
  slug: ProblemSlug;
  status: number;
  detail: string;
  /** Extension members, e.g. `errors`, `ruleId`, `currentRevision`. */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function problem(
  slug: ProblemSlug,
  detail: string,
  extra: Pick<Problem, 'extensions' | 'headers'> = {},
): Problem {
  return { slug, status: PROBLEM_TYPES[slug].status, detail, ...extra };
}

/** Throw this where an HTTP-level refusal is meant (auth, headers, idempotency). */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemException';
  }

  static of(
    slug: ProblemSlug,
    detail: string,
    extra: Pick<Problem, 'extensions' | 'headers'> = {},
  ): ProblemException {
    return new ProblemException(problem(slug, detail, extra));
  }

  static validation(errors: FieldError[]): ProblemException {
    return ProblemException.of(
      'validation-failed',
      errors.length === 1
        ? `${errors[0].field}: ${errors[0].reason}`
        : `${errors.length} fields are not valid`,
      { extensions: { errors } },
    );
  }
}
