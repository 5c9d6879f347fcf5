import { EventSchema } from '@sportello/eventstore';
import { customerNotifiedSchema } from '@sportello/notifications';
import { BillingIncidentEventType } from './domain/billing-incident.events';
import { OwnBillingRecoveryEventType } from './domain/billing-recovery.events';

/** Which fields of each event are personal data: they are sealed before storage. */
export const billingIncidentEventSchemas: Record<
  BillingIncidentEventType | OwnBillingRecoveryEventType,
  EventSchema
> = {
  BillingIncidentDeclared: { type: 'BillingIncidentDeclared', version: 1 },
  AffectedCustomerAdded: {
    type: 'AffectedCustomerAdded',
    version: 1,
    personal: [
      {
        subject: 'customer.subjectId',
        fields: ['customer.name', 'customer.phone', 'customer.lineId'],
      },
    ],
  },
  RecoveryNoticeRequested: { type: 'RecoveryNoticeRequested', version: 1 },
  RecoveryNoticeRecorded: { type: 'RecoveryNoticeRecorded', version: 1 },
  RegularChargesResumed: { type: 'RegularChargesResumed', version: 1 },
  RecoveryPlanIssued: { type: 'RecoveryPlanIssued', version: 1 },
  RecoveryChargeBilled: { type: 'RecoveryChargeBilled', version: 1 },
  BillingRecoverySettled: { type: 'BillingRecoverySettled', version: 1 },
};

/** Ours, plus `CustomerNotified`, which the outbox appends to our recovery streams. */
export const billingIncidentStreamSchemas: EventSchema[] = [
  ...Object.values(billingIncidentEventSchemas),
  customerNotifiedSchema,
];
