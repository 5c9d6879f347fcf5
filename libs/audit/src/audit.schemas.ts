import { EventSchema } from '@sportello/eventstore';

/**
 * The audit's own events. The access names subjects by id only (no personal field); the
 * auditor is told not to write personal data in the reason.
 */
export const auditEventSchemas: EventSchema[] = [
  { type: 'PersonalDataAccessedByAuditor', version: 1 },
];
