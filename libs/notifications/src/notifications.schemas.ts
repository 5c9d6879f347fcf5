import { EventSchema } from '@sportello/eventstore';
import { CUSTOMER_NOTIFIED } from './domain/customer-notified.event';

/** `CustomerNotified` holds ids and references only (NTF-11, NTF-13): nothing to seal. */
export const customerNotifiedSchema: EventSchema = { type: CUSTOMER_NOTIFIED, version: 1 };
