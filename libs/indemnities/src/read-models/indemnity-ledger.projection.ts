import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { v5 as uuidv5 } from 'uuid';
import {
  IndemnityAssessed,
  IndemnityCredited,
  SupplementaryIndemnityDecided,
  TicketKind,
} from '../domain/indemnity.events';

/** Fixed namespace of ledger line ids: one line per ticket stream and affected party. */
const LINE_NAMESPACE = '9a3e5b8c-2f41-4d6a-8c7e-1b2d3f4a5c6e';
export const ledgerLineId = (stream: string, party: string | null) =>
  uuidv5(`${stream}|${party ?? ''}`, LINE_NAMESPACE);

type Data = Record<string, unknown>;
const str = (d: Data, key: string) => (d[key] as string | null | undefined) ?? null;

/** Which stream kinds carry a ledger, and how their first event names the ticket. */
const OPENERS: Record<
  string,
  { kind: TicketKind; id: string; reference: string; due: string | null }
> = {
  ComplaintFiled: {
    kind: 'complaint',
    id: 'complaintId',
    reference: 'trackingCode',
    due: 'answerDueAt',
  },
  FaultReported: { kind: 'fault', id: 'faultId', reference: 'reference', due: 'repairDueAt' },
  ActivationRequested: {
    kind: 'activation',
    id: 'activationId',
    reference: 'reference',
    due: 'activationDueAt',
  },
  MaintenanceWindowRegistered: {
    kind: 'maintenance-window',
    id: 'windowId',
    reference: 'reference',
    due: null,
  },
  DirectoryErrorReported: {
    kind: 'directory-error',
    id: 'errorId',
    reference: 'reference',
    due: null,
  },
};

/** The events that move a ticket's deadline, and the field that carries the new one. */
const DUE_MOVES: Record<string, string> = {
  ComplaintComplexityNoticeSent: 'answerDueAt',
  RepairClockPaused: 'repairDueAt',
  RepairClockResumed: 'repairDueAt',
  FaultMarkedComplex: 'repairDueAt',
  TechnicalCheckRecorded: 'activationDueAt',
  ActivationClockPaused: 'activationDueAt',
  ActivationClockResumed: 'activationDueAt',
  ActivationDelayNotified: 'activationDueAt',
};

/** A missed deadline opens an accruing line (IND-12) of the ticket's type. */
const MISSES: Record<string, string> = {
  ComplaintAnswerDeadlineMissed: 'COMPLAINT_DELAY',
  RepairDeadlineMissed: 'REPAIR_DELAY',
  ActivationDeadlineMissed: 'ACTIVATION_DELAY',
};

const FULFILMENTS: Record<string, (d: Data, e: RecordedEvent) => string | null> = {
  ComplaintAnswered: (d) => str(d, 'answeredAt'),
  ComplaintWithdrawn: (d, e) => str(d, 'withdrawnAt') ?? e.metadata.occurredAt,
  ServiceRestored: (d) => str(d, 'restoredAt'),
  ServiceActivated: (d) => str(d, 'activatedAt'),
};

/**
 * IND-12: the indemnity ledger, one row per ticket and indemnity type (per affected line on a
 * maintenance window), with the ticket facts an accruing line is priced from on read: the due
 * instant, the pinned policy version, the customer type. Rows store inputs and recorded figures,
 * never an accrued amount that would go stale. No personal data: ids, dates and figures only.
 */
export const indemnityLedgerProjection: Projection = {
  name: 'indemnity_ledger',
  tables: ['indemnity_tickets', 'indemnity_ledger'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.indemnity_tickets,
      `CREATE TABLE ${t.indemnity_tickets} (
        stream          text        PRIMARY KEY,
        ticket_kind     text        NOT NULL,
        ticket_id       text        NOT NULL,
        reference       text        NOT NULL,
        operator        text        NOT NULL,
        policy_version  text        NOT NULL,
        customer_type   text,
        subject_id      text,
        opened_at       timestamptz NOT NULL,
        due_at          timestamptz,
        term_kind       text,
        regime          text,
        request_kind    text,
        services        jsonb,
        exceptional     jsonb,
        paused_since    timestamptz,
        fulfilled_at    timestamptz,
        review          jsonb,
        claim_after     date,
        cancelled       boolean     NOT NULL DEFAULT false
      )`,
    );
    await createTableOnce(
      db,
      t.indemnity_ledger,
      `CREATE TABLE ${t.indemnity_ledger} (
        line_id           uuid        PRIMARY KEY,
        stream            text        NOT NULL,
        ticket_kind       text        NOT NULL,
        ticket_id         text        NOT NULL,
        reference         text        NOT NULL,
        operator          text        NOT NULL,
        policy_version    text        NOT NULL,
        customer_type     text        NOT NULL,
        subject_id        text,
        indemnity_type    text        NOT NULL,
        party             text,
        arose_at          timestamptz NOT NULL,
        missed_at         timestamptz,
        assessment_id     uuid,
        assessment        jsonb,
        assessed_at       timestamptz,
        figure_cents      integer,
        supplement        jsonb,
        credit            jsonb,
        credited_at       timestamptz,
        credited_cents    integer,
        invoice_number    text,
        updated_at        timestamptz NOT NULL,
        revision          integer     NOT NULL
      )`,
      ['operator, arose_at, line_id', 'subject_id', 'stream', 'ticket_id', 'credited_at'],
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    const d = recorded.data as Data;
    const at = recorded.metadata.recordedAt;
    const stream = recorded.stream;
    const opener = OPENERS[recorded.type];
    if (opener) return openTicket(db, t, recorded, opener);
    const touchTicket = (set: string, values: unknown[]) =>
      db.query(`UPDATE ${t.indemnity_tickets} SET ${set} WHERE stream = $1`, [stream, ...values]);
    const touchLines = (set: string, values: unknown[], where = 'TRUE') =>
      db.query(
        `UPDATE ${t.indemnity_ledger} SET ${set}, updated_at = $2, revision = $3 WHERE stream = $1 AND ${where}`,
        [stream, at, recorded.revision, ...values],
      );

    if (recorded.type in DUE_MOVES) {
      const due = str(d, DUE_MOVES[recorded.type]);
      // CAL-8: a running pause stops the clock (no due instant): the accrual stands still.
      const pause = d.pause as { from: string; to: string | null } | undefined;
      const pausedSince = due === null && pause && pause.to === null ? pause.from : null;
      await touchTicket('due_at = COALESCE($2, due_at), paused_since = $3', [due, pausedSince]);
      if (due !== null) await touchLines('arose_at = $4', [due], 'assessment IS NULL');
    }
    switch (recorded.type) {
      case 'FaultMarkedComplex': {
        await touchTicket('regime = $2, exceptional = $3', [
          d.regime,
          d.exceptional ? JSON.stringify(d.exceptional) : null,
        ]);
        if (d.regime === 'EXCEPTIONAL_WIDESPREAD')
          await touchLines(`indemnity_type = 'EXCEPTIONAL_FAULT'`, [], 'assessment IS NULL');
        if (d.regime === 'NO_FIXED_TERM')
          await db.query(
            `DELETE FROM ${t.indemnity_ledger} WHERE stream = $1 AND assessment IS NULL`,
            [stream],
          );
        return;
      }
      case 'ExceptionalFaultUpdated':
        await touchTicket('exceptional = $2', [JSON.stringify(d.exceptional)]);
        return;
      case 'TechnicalCheckRecorded':
      case 'ActivationRequestCancelled':
        if (recorded.type === 'ActivationRequestCancelled' || d.outcome === 'negative') {
          await touchTicket('cancelled = true', []);
          await db.query(
            `DELETE FROM ${t.indemnity_ledger} WHERE stream = $1 AND assessment IS NULL`,
            [stream],
          );
        }
        return;
      case 'ComplexFaultIndemnityReviewed':
        await touchTicket('review = $2', [
          JSON.stringify({
            decision: d.decision,
            reason: '',
            reviewedBy: d.reviewedBy,
            reviewedAt: recorded.metadata.occurredAt,
          }),
        ]);
        return;
      case 'FaultReopened':
        await touchTicket('fulfilled_at = NULL, review = NULL', []);
        await touchLines(
          'assessment_id = NULL, assessment = NULL, assessed_at = NULL, figure_cents = NULL, supplement = NULL',
          [],
          'credit IS NULL',
        );
        return;
      case 'IndemnityClaimRecorded':
        await touchTicket('claim_after = $2', [d.onFirstInvoiceIssuedAfter]);
        return;
      case 'IndemnityAssessed':
        return assess(db, t, recorded, d as unknown as IndemnityAssessed['data']);
      case 'IndemnityCredited': {
        const c = d as unknown as IndemnityCredited['data'];
        await db.query(
          `UPDATE ${t.indemnity_ledger} SET credit = $2, credited_at = $3, credited_cents = $4, invoice_number = $5,
             updated_at = $6, revision = $7 WHERE line_id = $1`,
          [
            ledgerLineId(stream, c.party),
            JSON.stringify(c),
            c.creditedAt,
            c.amountCents,
            c.invoiceNumber,
            at,
            recorded.revision,
          ],
        );
        return;
      }
      case 'SupplementaryIndemnityDecided': {
        const s = d as unknown as SupplementaryIndemnityDecided['data'];
        await db.query(
          `UPDATE ${t.indemnity_ledger} SET supplement = $2, updated_at = $3, revision = $4 WHERE line_id = $1`,
          [
            ledgerLineId(stream, s.party),
            JSON.stringify({
              decision: s.decision,
              supplementCents: s.supplementCents,
              decidedBy: s.decidedBy,
              decidedAt: s.decidedAt,
            }),
            at,
            recorded.revision,
          ],
        );
        return;
      }
    }
    if (recorded.type in FULFILMENTS) {
      await touchTicket('fulfilled_at = $2, paused_since = NULL', [
        FULFILMENTS[recorded.type](d, recorded),
      ]);
      return;
    }
    if (recorded.type in MISSES) {
      await openLine(db, t, recorded, MISSES[recorded.type]);
    }
  },
};

async function openTicket(
  db: SqlExecutor,
  t: Record<string, string>,
  recorded: RecordedEvent,
  opener: (typeof OPENERS)[string],
): Promise<void> {
  const d = recorded.data as Data;
  const customer = d.customer as { subjectId: string; customerType: string } | undefined;
  const term = d.term as { kind?: string } | undefined;
  await db.query(
    `INSERT INTO ${t.indemnity_tickets} (stream, ticket_kind, ticket_id, reference, operator, policy_version,
       customer_type, subject_id, opened_at, due_at, term_kind, regime, request_kind, services)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (stream) DO NOTHING`,
    [
      recorded.stream,
      opener.kind,
      d[opener.id],
      d[opener.reference],
      d.operator,
      d.policyVersion,
      customer?.customerType ?? null,
      customer?.subjectId ?? null,
      recorded.metadata.occurredAt,
      opener.due ? (d[opener.due] ?? null) : null,
      opener.kind === 'fault' ? (term?.kind ?? null) : null,
      opener.kind === 'fault' ? 'STANDARD' : null,
      str(d, 'requestKind'),
      d.services ? JSON.stringify(d.services) : null,
    ],
  );
}

async function openLine(
  db: SqlExecutor,
  t: Record<string, string>,
  recorded: RecordedEvent,
  type: string,
): Promise<void> {
  const d = recorded.data as Data;
  const due = str(d, 'answerDueAt') ?? str(d, 'repairDueAt') ?? str(d, 'activationDueAt') ?? null;
  await db.query(
    `INSERT INTO ${t.indemnity_ledger} (line_id, stream, ticket_kind, ticket_id, reference, operator, policy_version,
       customer_type, subject_id, indemnity_type, party, arose_at, missed_at, updated_at, revision)
     SELECT $1, stream, ticket_kind, ticket_id, reference, operator, policy_version, customer_type, subject_id,
            CASE WHEN regime = 'EXCEPTIONAL_WIDESPREAD' THEN 'EXCEPTIONAL_FAULT' ELSE $3 END, NULL,
            COALESCE($4, due_at, opened_at), $5, $6, $7
       FROM ${t.indemnity_tickets} WHERE stream = $2 AND customer_type IS NOT NULL
     ON CONFLICT (line_id) DO UPDATE SET missed_at = COALESCE(${t.indemnity_ledger}.missed_at, EXCLUDED.missed_at)`,
    [
      ledgerLineId(recorded.stream, null),
      recorded.stream,
      type,
      due,
      recorded.metadata.occurredAt,
      recorded.metadata.recordedAt,
      recorded.revision,
    ],
  );
}

async function assess(
  db: SqlExecutor,
  t: Record<string, string>,
  recorded: RecordedEvent,
  a: IndemnityAssessed['data'],
): Promise<void> {
  const arose = a.inputs.dueAt ?? a.inputs.fulfilledAt;
  await db.query(
    `INSERT INTO ${t.indemnity_ledger} (line_id, stream, ticket_kind, ticket_id, reference, operator, policy_version,
       customer_type, subject_id, indemnity_type, party, arose_at, assessment_id, assessment, assessed_at, figure_cents,
       updated_at, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (line_id) DO UPDATE SET indemnity_type = EXCLUDED.indemnity_type, arose_at = EXCLUDED.arose_at,
       assessment_id = EXCLUDED.assessment_id, assessment = EXCLUDED.assessment, assessed_at = EXCLUDED.assessed_at,
       figure_cents = EXCLUDED.figure_cents, supplement = NULL, updated_at = EXCLUDED.updated_at,
       revision = EXCLUDED.revision
     WHERE ${t.indemnity_ledger}.credit IS NULL`,
    [
      ledgerLineId(recorded.stream, a.party),
      recorded.stream,
      a.ticket.kind,
      a.ticket.id,
      a.ticket.reference,
      a.operator,
      a.policyVersion,
      a.customerType,
      a.subjectId,
      a.indemnityType,
      a.party,
      arose,
      a.assessmentId,
      JSON.stringify(a),
      recorded.metadata.occurredAt,
      a.figures.creditedCents,
      recorded.metadata.recordedAt,
      recorded.revision,
    ],
  );
}
