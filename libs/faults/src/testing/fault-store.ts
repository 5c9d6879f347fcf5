/** A real event store for the fault integration tests. */
import { TestClock } from '@sportello/clock';
import { ticketStoreOnPostgres } from '@sportello/tickets/testing/ticket-store';
import { faultStreamSchemas } from '../fault.schemas';

/** A sealing store over the machine's PostgreSQL in a schema of its own, on a test clock. */
export function faultStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  return ticketStoreOnPostgres(schemaPrefix, clock, faultStreamSchemas);
}
