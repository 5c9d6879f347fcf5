import { ExpectedRevision } from '../port/event-store.port';

/** Whether a stream whose last revision is `head` (null = no stream) satisfies `expected`. */
export function checkExpectedRevision(expected: ExpectedRevision, head: number | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return head === null;
    case 'stream_exists':
      return head !== null;
    default:
      return head === expected;
  }
}
