import { CommandHandler, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import {
  Deadline,
  DeadlineHandler,
  DeadlineScheduler,
  OpenDeadlineSource,
} from '@sportello/timers';
import { billingAccountDecider } from '../../domain/billing-account.decider';
import { BillingAccountEvent } from '../../domain/billing-account.events';
import { billingAccountStream } from '../accounts/billing-account-stream';

/** BIL-5: the end of the 15-day term after the due date. */
export const BILLING_NON_PAYMENT_CHECK = 'billing-non-payment-check';

const ACTOR = { id: 'system:deadline-timer', role: 'system', roles: ['system'] } as const;

function check(accountId: string, dueAt: string): Deadline {
  return { stream: billingAccountStream(accountId), kind: BILLING_NON_PAYMENT_CHECK, dueAt };
}

/** Arms a timer wherever the log sets a non-payment check; the decider decides when it fires. */
/** The events `followNonPaymentChecks` acts on. */
export const NON_PAYMENT_CHECK_EVENTS = [
  'InvoiceIssued',
  'DisputeSuspensionEnded',
] as const satisfies readonly BillingAccountEvent['type'][];

export async function followNonPaymentChecks(
  event: RecordedEvent,
  scheduler: DeadlineScheduler,
): Promise<void> {
  const e = event as unknown as BillingAccountEvent;
  if (e.type === 'InvoiceIssued' || e.type === 'DisputeSuspensionEnded') {
    if (e.data.nonPaymentCheckAt)
      await scheduler.arm(check(e.data.accountId, e.data.nonPaymentCheckAt));
  }
}

export function nonPaymentCheckHandler(commands: CommandHandler): DeadlineHandler {
  return async (deadline) => {
    const { state } = await commands.load(billingAccountDecider, deadline.stream);
    if (state.status === 'none') return;
    await commands.handle(billingAccountDecider, {
      stream: deadline.stream,
      command: { type: 'CheckNonPayment' },
      actor: ACTOR,
      correlationId: `deadline:${deadline.stream}:${deadline.kind}:${deadline.dueAt}`,
      metadataFor: () => ({ subjectIds: [state.subjectId] }),
    });
  };
}

/** Every check not yet made on an invoice still owing something, from the read model. */
export function openNonPaymentChecks(db: SqlExecutor, schema: string): OpenDeadlineSource {
  return async function* () {
    let after = '';
    for (;;) {
      const { rows } = await db.query<{ key: string; account_id: string; at: Date | string }>(
        `SELECT account_id::text || '/' || invoice_number AS key, account_id::text AS account_id,
                non_payment_check_at AS at
           FROM ${schema}.billing_invoices
          WHERE non_payment_check_at IS NOT NULL AND NOT notice_due
            AND non_payment_checked_at IS DISTINCT FROM non_payment_check_at
            AND paid_cents + waived_cents < amount_cents
            AND account_id::text || '/' || invoice_number > $1
          ORDER BY 1 LIMIT 1000`,
        [after],
      );
      for (const row of rows) yield check(row.account_id, new Date(row.at).toISOString());
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].key;
    }
  };
}
