import { ExpectedRevision } from '../port/event-store.port';

/** The client sent `If-Match` with a revision the ticket is no longer at: HTTP 412. */
export class StaleRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(`The ticket changed: it is at revision ${actual ?? 'none'}, not ${expected}`);
    this.name = 'StaleRevisionError';
  }
}

/** Another writer appended between our read and our append; nothing of ours was stored: HTTP 409. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | null,
  ) {
    super(`The ticket was changed by someone else at the same time; reload it and try again`);
    this.name = 'ConcurrencyConflictError';
  }
}
