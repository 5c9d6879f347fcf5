/** A real event store for the billing-incident integration tests. */
import { TestClock } from '@sportello/clock';
import { ticketStoreOnPostgres } from '@sportello/tickets/testing/ticket-store';
import { billingIncidentStreamSchemas } from '../billing-incidents.schemas';

/** A sealing store over the machine's PostgreSQL in a schema of its own, on a test clock. */
export function billingIncidentStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  return ticketStoreOnPostgres(schemaPrefix, clock, billingIncidentStreamSchemas);
}
