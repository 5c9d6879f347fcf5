import { EventSchema } from '@sportello/eventstore';
import { BillingAccountEventType } from './domain/billing-account.events';
import { LegalInterestRateSet } from './domain/legal-interest-rates';

const plain = (type: string): EventSchema => ({ type, version: 1 });

/** Which fields of each billing event are personal data: they are sealed before storage. */
export const billingEventSchemas: Record<
  BillingAccountEventType | LegalInterestRateSet['type'],
  EventSchema
> = {
  BillingAccountOpened: {
    type: 'BillingAccountOpened',
    version: 1,
    personal: [
      {
        subject: 'customer.subjectId',
        fields: [
          'customer.name',
          'customer.fiscalCode',
          'customer.vatNumber',
          'customer.phone',
          'customer.email',
          'customer.lineId',
        ],
      },
    ],
  },
  InvoiceIssued: plain('InvoiceIssued'),
  PaymentRecorded: plain('PaymentRecorded'),
  DisputeSuspensionStarted: plain('DisputeSuspensionStarted'),
  DisputeSuspensionEnded: plain('DisputeSuspensionEnded'),
  LatePaymentPenaltyAssessed: plain('LatePaymentPenaltyAssessed'),
  LatePaymentPenaltyCharged: plain('LatePaymentPenaltyCharged'),
  LateInterestAssessed: plain('LateInterestAssessed'),
  LateInterestRateMissing: plain('LateInterestRateMissing'),
  RefundDue: plain('RefundDue'),
  RefundCredited: plain('RefundCredited'),
  NonPaymentNoticeDue: plain('NonPaymentNoticeDue'),
  NonPaymentNoticeWithheld: plain('NonPaymentNoticeWithheld'),
  LegalInterestRateSet: plain('LegalInterestRateSet'),
};
