/** A real event store for the activation integration tests. */
import { TestClock } from '@sportello/clock';
import { ticketStoreOnPostgres } from '@sportello/tickets/testing/ticket-store';
import { activationEventSchemas } from '../activation.schemas';

/** A sealing store over the machine's PostgreSQL in a schema of its own, on a test clock. */
export function activationStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  return ticketStoreOnPostgres(schemaPrefix, clock, Object.values(activationEventSchemas));
}
