import { Logger } from '@nestjs/common';
import { DomainError } from '@sportello/decider';
import {
  ComplaintAnswered,
  ComplaintEvent,
  ComplaintFiled,
  LatePaymentPenaltyReinstated,
  RefundScheduled,
} from '@sportello/complaints/domain/complaint.events';
import {
  CommandHandler,
  ConcurrencyConflictError,
  EventStore,
  RecordedEvent,
} from '@sportello/eventstore';
import { romeDateOf } from '@sportello/sla';
import { BillingAccountCommand } from '../../domain/billing-account.commands';
import { billingAccountDecider } from '../../domain/billing-account.decider';
import { BillingPolicy } from '../../domain/billing.policy';
import { InvoiceNumbers } from '../invoice-numbers/invoice-numbers';
import { BillingPolicies } from '../policies/billing-policies';
import {
  accountMetadata,
  billingAccountStream,
  pinnedPolicy,
} from '../accounts/billing-account-stream';

export const BILLING_COMPLAINT_REACTOR = 'billing-complaint-reactor';

const ACTOR = { id: `system:${BILLING_COMPLAINT_REACTOR}`, role: 'system', roles: ['system'] };

const FOLLOWED = new Set<ComplaintEvent['type']>([
  'ComplaintFiled',
  'LatePaymentPenaltySuspended',
  'LatePaymentPenaltyReinstated',
  'ComplaintAnswered',
  'ComplaintWithdrawn',
  'RefundScheduled',
]);

type Context = { filed: ComplaintFiled['data']; complaint: RecordedEvent[] };

/**
 * Mirrors billing complaints on the account that owns the disputed invoice: filing starts the
 * suspension (BIL-10, BIL-3, EXT-BIL-1), the outcome or a withdrawal ends it, an upheld refund
 * waits for the next invoice (CMP-11). Each command is idempotent, so replays change nothing.
 */
export class BillingComplaintReactor {
  private readonly logger = new Logger(BillingComplaintReactor.name);

  constructor(
    private readonly store: EventStore,
    private readonly handler: CommandHandler,
    private readonly invoiceNumbers: InvoiceNumbers,
    private readonly policies: BillingPolicies,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (
      !event.stream.startsWith('complaint-') ||
      !FOLLOWED.has(event.type as ComplaintEvent['type'])
    )
      return;
    const complaint = await this.store.readStream(event.stream);
    const filed = complaint.find((e) => e.type === 'ComplaintFiled')?.data as
      ComplaintFiled['data'] | undefined;
    if (!filed?.invoice) return;
    const accountId = await this.invoiceNumbers.accountOf(filed.operator, filed.invoice.number);
    if (!accountId) {
      this.logger.warn(
        { complaintId: filed.complaintId, operator: filed.operator },
        'Billing complaint on an invoice no billing account holds: not mirrored',
      );
      return;
    }
    const build = this.commandFor(event, { filed, complaint });
    if (build) await this.run(accountId, filed.invoice.number, build, event);
  }

  private commandFor(
    event: RecordedEvent,
    { filed, complaint }: Context,
  ): ((policy: BillingPolicy) => BillingAccountCommand) | null {
    const invoice = filed.invoice!;
    const e = event as unknown as ComplaintEvent;
    const answered = () =>
      complaint.find((x) => x.type === 'ComplaintAnswered')?.data as
        ComplaintAnswered['data'] | undefined;
    switch (e.type) {
      case 'ComplaintFiled':
      case 'LatePaymentPenaltySuspended':
        return (policy) => ({
          type: 'StartDisputeSuspension',
          policy,
          complaintId: filed.complaintId,
          invoiceNumber: invoice.number,
          disputedCents: invoice.disputedCents,
          filedOn: romeDateOf(filed.receivedAt),
          penaltySuspended:
            e.type === 'LatePaymentPenaltySuspended' || filed.billing?.suspendsLatePayment === true,
        });
      case 'ComplaintAnswered':
      case 'LatePaymentPenaltyReinstated': {
        const answer = e.type === 'ComplaintAnswered' ? e.data : answered();
        if (!answer) return null;
        const payBy =
          e.type === 'LatePaymentPenaltyReinstated'
            ? (e.data as LatePaymentPenaltyReinstated['data']).payBy
            : answer.paymentDueOn;
        return (policy) => ({
          type: 'EndDisputeSuspension',
          policy,
          complaintId: filed.complaintId,
          outcome: answer.outcome,
          endedOn: romeDateOf(answer.answeredAt),
          payBy,
        });
      }
      case 'ComplaintWithdrawn':
        return (policy) => ({
          type: 'EndDisputeSuspension',
          policy,
          complaintId: filed.complaintId,
          outcome: 'withdrawn',
          endedOn: romeDateOf(event.metadata.occurredAt),
          payBy: null,
        });
      case 'RefundScheduled':
        return () => ({
          type: 'ScheduleRefund',
          complaintId: filed.complaintId,
          invoiceNumber: invoice.number,
          amountCents: (e.data as RefundScheduled['data']).amountCents,
        });
      default:
        return null;
    }
  }

  private async run(
    accountId: string,
    invoiceNumber: string,
    build: (policy: BillingPolicy) => BillingAccountCommand,
    cause: RecordedEvent,
  ): Promise<void> {
    const stream = billingAccountStream(accountId);
    // Another process may write the account meanwhile: read again and retry a few times.
    for (let attempt = 1; ; attempt++) {
      const { state } = await this.handler.load(billingAccountDecider, stream);
      if (state.status === 'none' || !state.invoices.some((i) => i.number === invoiceNumber))
        return;
      const policy = await pinnedPolicy(this.policies, state, invoiceNumber);
      try {
        await this.handler.handle(billingAccountDecider, {
          stream,
          command: build(policy),
          actor: ACTOR,
          correlationId: cause.metadata.correlationId,
          causationId: cause.id,
          metadataFor: accountMetadata(state, policy.version),
        });
        return;
      } catch (error) {
        if (error instanceof ConcurrencyConflictError && attempt < 5) continue;
        if (error instanceof DomainError) {
          this.logger.warn(
            { accountId, cause: cause.id, rule: error.ruleId, kind: error.kind },
            'A billing complaint could not be mirrored on its account',
          );
          return;
        }
        throw error;
      }
    }
  }
}
