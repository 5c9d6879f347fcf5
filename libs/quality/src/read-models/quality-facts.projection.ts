import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { mergePauses } from '@sportello/sla';

type Data = Record<string, unknown>;
const str = (d: Data, key: string) => (d[key] as string | null | undefined) ?? null;

/** CAL-8: the time between two instants that no (merged) pause covers. */
export function netOfPauses(
  from: string,
  to: string,
  pauses: { from: string; to: string | null }[],
): number {
  const start = Date.parse(from);
  const end = Date.parse(to);
  let paused = 0;
  for (const p of mergePauses(pauses.map((x) => ({ start: x.from, end: x.to })))) {
    const a = Math.max(start, Date.parse(p.start));
    const b = Math.min(end, p.end === null ? end : Date.parse(p.end));
    if (b > a) paused += b - a;
  }
  return Math.max(0, end - start - paused);
}

/** The events that move a ticket's deadline, and the field that carries the new one. */
const DUE_MOVES: Record<string, string> = {
  ComplaintComplexityNoticeSent: 'answerDueAt',
  RepairClockPaused: 'repairDueAt',
  RepairClockResumed: 'repairDueAt',
  FaultMarkedComplex: 'repairDueAt',
  FaultReopened: 'repairDueAt',
  TechnicalCheckRecorded: 'activationDueAt',
  ActivationClockPaused: 'activationDueAt',
  ActivationClockResumed: 'activationDueAt',
  ActivationDelayNotified: 'activationDueAt',
};

const MISSES: Record<string, string> = {
  ComplaintAnswerDeadlineMissed: 'answerDueAt',
  RepairDeadlineMissed: 'repairDueAt',
  ActivationDeadlineMissed: 'activationDueAt',
};

/**
 * QUA-2, QUA-4: one row per complaint, fault and activation with what the quality indicators
 * measure (when it started, its deadline, when it was fulfilled, how long it took raw and net of
 * pauses, whether on time, a billing complaint's invoice and refund), and one row per invoice
 * issued. Dashboards read the open rows by deadline and the missed deadlines by day. No personal
 * data: ids, dates and figures only.
 */
export const qualityFactsProjection: Projection = {
  name: 'quality_facts',
  tables: ['quality_tickets', 'quality_invoices', 'quality_accounts'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.quality_tickets,
      `CREATE TABLE ${t.quality_tickets} (
        stream         text        PRIMARY KEY,
        ticket_kind    text        NOT NULL,
        operator       text        NOT NULL,
        policy_version text        NOT NULL,
        customer_type  text,
        request_kind   text,
        opened_at      timestamptz NOT NULL,
        due_at         timestamptz,
        missed_due_at  timestamptz,
        status         text        NOT NULL,
        fulfilled_at   timestamptz,
        closed_at      timestamptz,
        outcome        text,
        elapsed_ms     bigint,
        net_ms         bigint,
        on_time        boolean,
        regime         text,
        billing        boolean     NOT NULL DEFAULT false,
        invoice_number text,
        refund_cents   integer,
        pauses         jsonb       NOT NULL DEFAULT '[]'
      )`,
      [
        'ticket_kind, operator, closed_at',
        'ticket_kind, operator, fulfilled_at',
        'ticket_kind, operator, opened_at',
        'status, due_at',
        'missed_due_at',
      ],
    );
    await createTableOnce(
      db,
      t.quality_invoices,
      `CREATE TABLE ${t.quality_invoices} (
        account_id     text NOT NULL,
        invoice_number text NOT NULL,
        operator       text NOT NULL,
        issue_date     date NOT NULL,
        PRIMARY KEY (account_id, invoice_number)
      )`,
      ['operator, issue_date'],
    );
    await createTableOnce(
      db,
      t.quality_accounts,
      `CREATE TABLE ${t.quality_accounts} (account_id text PRIMARY KEY, operator text NOT NULL)`,
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    const d = recorded.data as Data;
    const stream = recorded.stream;
    const touch = (set: string, values: unknown[]) =>
      db.query(`UPDATE ${t.quality_tickets} SET ${set} WHERE stream = $1`, [stream, ...values]);
    const open = (kind: string, openedAt: string, due: string | null, extra: Data = {}) => {
      const customer = d.customer as { customerType?: string } | undefined;
      return db.query(
        `INSERT INTO ${t.quality_tickets} (stream, ticket_kind, operator, policy_version, customer_type, request_kind,
           opened_at, due_at, status, billing, invoice_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10) ON CONFLICT (stream) DO NOTHING`,
        [
          stream,
          kind,
          d.operator,
          d.policyVersion,
          customer?.customerType ?? null,
          extra.requestKind ?? null,
          openedAt,
          due,
          extra.billing === true,
          extra.invoiceNumber ?? null,
        ],
      );
    };

    if (recorded.type in DUE_MOVES) {
      const due = str(d, DUE_MOVES[recorded.type]);
      await touch('due_at = $2', [due]);
    }
    if (recorded.type in MISSES) {
      await touch('missed_due_at = COALESCE(missed_due_at, $2)', [str(d, MISSES[recorded.type])]);
      return;
    }
    switch (recorded.type) {
      case 'ComplaintFiled': {
        const invoice = d.invoice as { number: string } | null;
        await open('complaint', d.receivedAt as string, str(d, 'answerDueAt'), {
          billing: invoice !== null || d.billingItem != null,
          invoiceNumber: invoice?.number ?? null,
        });
        return;
      }
      case 'FaultReported':
        await open('fault', d.reportedAt as string, str(d, 'repairDueAt'));
        return;
      case 'ActivationRequested':
        await open('activation', d.receivedAt as string, str(d, 'activationDueAt'), {
          requestKind: d.requestKind,
        });
        return;
      case 'ComplaintAnswered': {
        const answeredAt = d.answeredAt as string;
        await db.query(
          `UPDATE ${t.quality_tickets} SET status = 'closed', fulfilled_at = $2, closed_at = $2, outcome = $3,
             on_time = $4, refund_cents = $5,
             elapsed_ms = (EXTRACT(EPOCH FROM ($2::timestamptz - opened_at)) * 1000)::bigint,
             net_ms = (EXTRACT(EPOCH FROM ($2::timestamptz - opened_at)) * 1000)::bigint
           WHERE stream = $1`,
          [stream, answeredAt, d.outcome, !(d.late as boolean), d.refundCents ?? null],
        );
        return;
      }
      case 'ComplaintWithdrawn':
        await touch(`status = 'withdrawn', closed_at = $2, outcome = 'withdrawn'`, [
          str(d, 'withdrawnAt') ?? recorded.metadata.occurredAt,
        ]);
        return;
      case 'FaultMarkedComplex':
        await touch('regime = $2', [d.regime]);
        return;
      case 'ServiceRestored': {
        const time = d.repairTime as { elapsedMs: number; netOfPausesMs: number };
        await touch(
          `status = 'restored', fulfilled_at = $2, elapsed_ms = $3, net_ms = $4, on_time = $5`,
          [d.restoredAt, time.elapsedMs, time.netOfPausesMs, d.onTime ?? null],
        );
        return;
      }
      case 'FaultClosed':
        await touch(`status = 'closed', closed_at = $2, outcome = $3`, [d.closedAt, d.outcome]);
        return;
      case 'FaultReopened':
        await touch(
          `status = 'open', fulfilled_at = NULL, closed_at = NULL, outcome = NULL, elapsed_ms = NULL,
           net_ms = NULL, on_time = NULL`,
          [],
        );
        return;
      case 'ActivationClockPaused': {
        const pause = d.pause as { pauseId: string; from: string; to: string | null };
        await touch(`pauses = pauses || $2::jsonb`, [
          JSON.stringify([{ pauseId: pause.pauseId, from: pause.from, to: pause.to }]),
        ]);
        return;
      }
      case 'ActivationClockResumed':
        await touch(
          `pauses = (SELECT COALESCE(jsonb_agg(CASE WHEN p->>'pauseId' = $2
                       THEN jsonb_set(p, '{to}', to_jsonb($3::text)) ELSE p END), '[]'::jsonb)
                     FROM jsonb_array_elements(pauses) p)`,
          [d.pauseId, d.resumedAt],
        );
        return;
      case 'ServiceActivated': {
        const { rows } = await db.query<{
          opened_at: Date;
          pauses: { from: string; to: string | null }[];
        }>(`SELECT opened_at, pauses FROM ${t.quality_tickets} WHERE stream = $1`, [stream]);
        if (!rows[0]) return;
        const openedAt = new Date(rows[0].opened_at).toISOString();
        const activatedAt = d.activatedAt as string;
        await touch(
          `status = 'closed', fulfilled_at = $2, closed_at = $2, on_time = $3, elapsed_ms = $4, net_ms = $5`,
          [
            activatedAt,
            d.onTime,
            Date.parse(activatedAt) - Date.parse(openedAt),
            netOfPauses(openedAt, activatedAt, rows[0].pauses),
          ],
        );
        return;
      }
      case 'ActivationRequestCancelled':
        await touch(`status = 'cancelled', closed_at = $2`, [recorded.metadata.occurredAt]);
        return;
      case 'BillingAccountOpened':
        await db.query(
          `INSERT INTO ${t.quality_accounts} (account_id, operator) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [d.accountId, d.operator],
        );
        return;
      case 'InvoiceIssued':
        await db.query(
          `INSERT INTO ${t.quality_invoices} (account_id, invoice_number, operator, issue_date)
           SELECT $1, $2, operator, $3 FROM ${t.quality_accounts} WHERE account_id = $1
           ON CONFLICT DO NOTHING`,
          [d.accountId, d.invoiceNumber, d.issueDate],
        );
        return;
    }
    if (recorded.type === 'TechnicalCheckRecorded' && d.outcome === 'negative')
      await touch(`status = 'cancelled', closed_at = $2`, [recorded.metadata.occurredAt]);
  },
};
