import { ExpectedRevision } from './port/event-store.port';

/** The stream was not at the revision the writer expected: another write got there first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | null,
  ) {
    super(
      `Stream ${stream} is at revision ${actual ?? 'none'}, not the expected ${String(expected)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/** The backing database could not be reached: the API answers 503. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** A checkpoint this store never produced (a client's garbled paging cursor): the caller's error. */
export class InvalidCheckpointError extends Error {
  constructor(readonly backend: string) {
    super(`Not a ${backend} checkpoint`);
    this.name = 'InvalidCheckpointError';
  }
}
