/** A real event store for the maintenance integration tests. */
import { TestClock } from '@sportello/clock';
import { ticketStoreOnPostgres } from '@sportello/tickets/testing/ticket-store';
import { maintenanceEventSchemas } from '../maintenance.schemas';

/** A sealing store over the machine's PostgreSQL in a schema of its own, on a test clock. */
export function maintenanceStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  return ticketStoreOnPostgres(schemaPrefix, clock, Object.values(maintenanceEventSchemas));
}
