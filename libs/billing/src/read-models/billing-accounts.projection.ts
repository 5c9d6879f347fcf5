import { createTableOnce, Projection, RecordedEvent } from '@sportello/eventstore';
import { BillingAccountEvent } from '../domain/billing-account.events';

/**
 * One row per account and one per invoice, for lists, the invoice lookup and the non-payment
 * reconciler. No personal data: the holder's details are read from the sealed stream.
 */
export const billingAccountsProjection: Projection = {
  name: 'billing_accounts',
  tables: ['billing_accounts', 'billing_invoices'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.billing_accounts,
      `CREATE TABLE ${t.billing_accounts} (
        account_id     uuid        PRIMARY KEY,
        operator       text        NOT NULL,
        policy_version text        NOT NULL,
        subject_id     text        NOT NULL,
        customer_type  text        NOT NULL,
        opened_at      timestamptz NOT NULL,
        invoices       integer     NOT NULL DEFAULT 0,
        penalties_cents integer    NOT NULL DEFAULT 0,
        interest_cents integer     NOT NULL DEFAULT 0,
        revision       integer     NOT NULL,
        updated_at     timestamptz NOT NULL
      )`,
      ['operator, opened_at', 'subject_id'],
    );
    await createTableOnce(
      db,
      t.billing_invoices,
      `CREATE TABLE ${t.billing_invoices} (
        account_id             uuid        NOT NULL,
        invoice_number         text        NOT NULL,
        issue_date             date        NOT NULL,
        due_date               date        NOT NULL,
        amount_cents           integer     NOT NULL,
        paid_cents             integer     NOT NULL DEFAULT 0,
        waived_cents           integer     NOT NULL DEFAULT 0,
        disputes_pending       integer     NOT NULL DEFAULT 0,
        non_payment_check_at   timestamptz,
        non_payment_checked_at timestamptz,
        notice_due             boolean     NOT NULL DEFAULT false,
        PRIMARY KEY (account_id, invoice_number)
      )`,
      ['due_date', 'non_payment_check_at'],
    );
  },

  async apply(db, recorded: RecordedEvent, t) {
    if (!recorded.stream.startsWith('billing-account-')) return;
    const event = recorded as unknown as RecordedEvent & BillingAccountEvent;
    const at = recorded.metadata.recordedAt;
    const accountId = event.data.accountId;
    const invoice = (set: string, invoiceNumber: string, values: unknown[]) =>
      db.query(
        `UPDATE ${t.billing_invoices} SET ${set} WHERE account_id = $1 AND invoice_number = $2`,
        [accountId, invoiceNumber, ...values],
      );
    const account = (set: string, values: unknown[] = []) =>
      db.query(
        `UPDATE ${t.billing_accounts} SET ${set ? `${set}, ` : ''}revision = $2, updated_at = $3 WHERE account_id = $1`,
        [accountId, recorded.revision, at, ...values],
      );
    switch (event.type) {
      case 'BillingAccountOpened': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.billing_accounts} (account_id, operator, policy_version, subject_id, customer_type, opened_at, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (account_id) DO NOTHING`,
          [
            d.accountId,
            d.operator,
            d.policyVersion,
            d.customer.subjectId,
            d.customer.customerType,
            d.openedAt,
            recorded.revision,
            at,
          ],
        );
        return;
      }
      case 'InvoiceIssued': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.billing_invoices} (account_id, invoice_number, issue_date, due_date, amount_cents, non_payment_check_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [accountId, d.invoiceNumber, d.issueDate, d.dueDate, d.amountCents, d.nonPaymentCheckAt],
        );
        await account('invoices = invoices + 1');
        return;
      }
      case 'PaymentRecorded':
        await invoice('paid_cents = paid_cents + $3', event.data.invoiceNumber, [
          event.data.amountCents,
        ]);
        break;
      case 'DisputeSuspensionStarted':
        await invoice('disputes_pending = disputes_pending + 1', event.data.invoiceNumber, []);
        break;
      case 'DisputeSuspensionEnded': {
        const d = event.data;
        await invoice(
          `disputes_pending = disputes_pending - 1, waived_cents = waived_cents + $3,
           non_payment_check_at = COALESCE($4, non_payment_check_at)`,
          d.invoiceNumber,
          [d.waivedCents, d.nonPaymentCheckAt],
        );
        break;
      }
      case 'LatePaymentPenaltyAssessed':
        await account('penalties_cents = penalties_cents + $4', [event.data.amountCents]);
        return;
      case 'LateInterestAssessed':
        await account('interest_cents = interest_cents + $4', [event.data.amountCents]);
        return;
      case 'NonPaymentNoticeDue':
        await invoice('notice_due = true, non_payment_checked_at = $3', event.data.invoiceNumber, [
          event.data.termEndedAt,
        ]);
        break;
      case 'NonPaymentNoticeWithheld':
        await invoice('non_payment_checked_at = $3', event.data.invoiceNumber, [
          event.data.termEndedAt,
        ]);
        break;
      default:
        break;
    }
    await account('');
  },
};
