import {
  BadRequestException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ConflictingState, NotFound, RuleViolation } from '@sportello/decider';
import {
  ConcurrencyConflictError,
  EventStoreUnavailableError,
  StaleRevisionError,
  SubjectErasedError,
  WrongExpectedRevisionError,
} from '@sportello/eventstore';
import { KeySetUnavailableError } from '../auth/token-verifier';
import { problemForError } from './problem-for-error';

describe('the status mapping of errors to problems', () => {
  it.each([
    [new RuleViolation('CMP-9', 'A rejection must state its reasons'), 422, 'rule-violation'],
    [new ConflictingState('The complaint is closed'), 409, 'conflicting-state'],
    [new NotFound('Complaint', 'c-1'), 404, 'not-found'],
    [new StaleRevisionError('complaint-1', 3, 4), 412, 'precondition-failed'],
    [new ConcurrencyConflictError('complaint-1', 3, 4), 409, 'concurrency-conflict'],
    [new WrongExpectedRevisionError('complaint-1', 3, 4), 409, 'concurrency-conflict'],
    [new SubjectErasedError('subject-1'), 409, 'subject-erased'],
    [new EventStoreUnavailableError('down'), 503, 'service-unavailable'],
    [new KeySetUnavailableError(), 503, 'service-unavailable'],
    [
      Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }),
      503,
      'service-unavailable',
    ],
    [new ThrottlerException(), 429, 'too-many-requests'],
    [new ServiceUnavailableException(), 503, 'service-unavailable'],
    [new BadRequestException('Validation failed (uuid is expected)'), 400, 'malformed-request'],
    [
      Object.assign(new SyntaxError('Unexpected token'), {
        type: 'entity.parse.failed',
        status: 400,
      }),
      400,
      'malformed-request',
    ],
    [
      Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }),
      413,
      'payload-too-large',
    ],
    [
      Object.assign(new Error('bad charset'), { type: 'charset.unsupported', status: 415 }),
      415,
      'unsupported-media-type',
    ],
    [
      Object.assign(new URIError('Failed to decode param'), { status: 400 }),
      400,
      'malformed-request',
    ],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), 500, 'internal-error'],
    ['a thrown string', 500, 'internal-error'],
  ])('%p → %i %s', (error, status, slug) => {
    expect(problemForError(error)).toMatchObject({ status, slug });
  });

  it('keeps the rule id and the declared details of a rule violation', () => {
    expect(
      problemForError(
        new RuleViolation('CMP-9', 'A rejection must state its reasons', { field: 'reasons' }),
      ),
    ).toMatchObject({
      detail: 'A rejection must state its reasons',
      extensions: { ruleId: 'CMP-9', field: 'reasons' },
    });
  });

  it('renames a domain detail that would shadow a member of the problem document', () => {
    const found = problemForError(
      new ConflictingState('A closed complaint takes no more notes', { status: 'closed' }),
    );
    expect(found).toMatchObject({ status: 409, extensions: { resourceStatus: 'closed' } });
    expect(found?.extensions).not.toHaveProperty('status');
  });

  it('tells a 412 the current revision, and asks a 503 to retry later', () => {
    expect(problemForError(new StaleRevisionError('s-1', 2, 5)).extensions).toEqual({
      currentRevision: 5,
    });
    expect(problemForError(new EventStoreUnavailableError('down')).headers).toEqual({
      'Retry-After': '5',
    });
  });

  it('never passes on the message of an internal error or of a parser error', () => {
    const internal = problemForError(new Error('password=hunter2 at 10.0.0.3'));
    expect(JSON.stringify(internal)).not.toContain('hunter2');
    const parse = problemForError(
      Object.assign(new SyntaxError('Unexpected token M in "Mario Rossi"'), {
        type: 'entity.parse.failed',
        status: 400,
      }),
    );
    expect(JSON.stringify(parse)).not.toContain('Mario');
  });

  it('answers 400, not 500, when PostgreSQL refuses a character of the input, quoting none of it', () => {
    const refused = Object.assign(
      new Error('invalid byte sequence for encoding "UTF8": 0x00 near Mario'),
      { code: '22021' },
    );
    const answer = problemForError(refused);
    expect(answer).toMatchObject({ status: 400, slug: 'malformed-request' });
    expect(JSON.stringify(answer)).not.toContain('Mario');
    expect(problemForError(Object.assign(new Error('x'), { code: '22003' }))).toMatchObject({
      status: 500,
    });
  });

  it('does not echo the query string of an unknown route', () => {
    const problem = problemForError(
      new NotFoundException('Cannot GET /v1/search?name=Mario%20Rossi'),
    );
    expect(problem).toMatchObject({ status: 404, slug: 'not-found' });
    expect(problem.detail).not.toContain('Mario');
  });
});
