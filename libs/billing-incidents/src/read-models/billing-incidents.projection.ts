import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { recoveryIdOfStream } from '../application/billing-incident-streams';
import { BillingIncidentEvent } from '../domain/billing-incident.events';
import {
  BILLING_INCIDENT_NOTICE_TEMPLATE,
  BillingRecoveryEvent,
} from '../domain/billing-recovery.events';

interface ScheduledCharge {
  chargeId: string;
  dueOn: string;
  amountCents: number;
  recovers: string;
  billed: boolean;
}

const nextDue = (schedule: ScheduledCharge[]) => schedule.find((c) => !c.billed)?.dueOn ?? null;

/**
 * One row per incident and one per affected customer's recovery, for lists and supervisors'
 * follow-up. No personal data: names, phones and lines stay in the sealed streams.
 */
export const billingIncidentsProjection: Projection = {
  name: 'billing_incidents',
  tables: ['billing_incidents', 'billing_recoveries'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.billing_incidents,
      `CREATE TABLE ${t.billing_incidents} (
        incident_id        uuid        PRIMARY KEY,
        operator           text        NOT NULL,
        policy_version     text        NOT NULL,
        service_name       text        NOT NULL,
        monthly_fee_cents  integer     NOT NULL,
        periods            jsonb       NOT NULL,
        declared_at        timestamptz NOT NULL,
        customers          integer     NOT NULL DEFAULT 0,
        arrears_cents      bigint      NOT NULL DEFAULT 0,
        revision           integer     NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
      ['declared_at, incident_id', 'operator, declared_at'],
    );
    await createTableOnce(
      db,
      t.billing_recoveries,
      `CREATE TABLE ${t.billing_recoveries} (
        recovery_id        uuid        PRIMARY KEY,
        incident_id        uuid        NOT NULL,
        subject_id         text        NOT NULL,
        customer_type      text        NOT NULL,
        notice_by          text        NOT NULL,
        status             text        NOT NULL,
        arrears_cents      integer     NOT NULL,
        notice_at          timestamptz,
        regular_from       text,
        recoverable_cents  integer,
        billed_cents       integer     NOT NULL DEFAULT 0,
        schedule           jsonb       NOT NULL DEFAULT '[]'::jsonb,
        next_due_on        date,
        settled_on         date,
        revision           integer     NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
      ['incident_id, recovery_id', 'status, next_due_on', 'subject_id'],
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    const at = recorded.metadata.recordedAt;
    const incidentEvent = recorded as unknown as BillingIncidentEvent;
    if (incidentEvent.type === 'BillingIncidentDeclared') {
      const d = incidentEvent.data;
      await db.query(
        `INSERT INTO ${t.billing_incidents} (incident_id, operator, policy_version, service_name, monthly_fee_cents,
           periods, declared_at, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) ON CONFLICT (incident_id) DO NOTHING`,
        [
          d.incidentId,
          d.operator,
          d.policyVersion,
          d.service.name,
          d.service.monthlyFeeCents,
          JSON.stringify(d.periods),
          d.declaredAt,
          recorded.revision,
          at,
        ],
      );
      return;
    }

    const recoveryId = recoveryIdOfStream(recorded.stream);
    if (!recoveryId) return;
    const event = recorded as unknown as BillingRecoveryEvent;
    const touch = (set: string, values: unknown[]) =>
      db.query(
        `UPDATE ${t.billing_recoveries} SET ${set}, revision = $2, updated_at = $3 WHERE recovery_id = $1`,
        [recoveryId, recorded.revision, at, ...values],
      );
    switch (event.type) {
      case 'AffectedCustomerAdded': {
        const d = event.data;
        const { rowCount } = await db.query(
          `INSERT INTO ${t.billing_recoveries} (recovery_id, incident_id, subject_id, customer_type, notice_by, status,
             arrears_cents, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'awaiting_notice', $6, $7, $8) ON CONFLICT (recovery_id) DO NOTHING`,
          [
            recoveryId,
            d.incidentId,
            d.customer.subjectId,
            d.customer.customerType,
            d.noticeBy,
            d.arrearsCents,
            recorded.revision,
            at,
          ],
        );
        if (rowCount)
          await db.query(
            `UPDATE ${t.billing_incidents} SET customers = customers + 1, arrears_cents = arrears_cents + $2,
               updated_at = $3 WHERE incident_id = $1`,
            [d.incidentId, d.arrearsCents, at],
          );
        return;
      }
      case 'CustomerNotified':
        if (
          event.data.template === BILLING_INCIDENT_NOTICE_TEMPLATE &&
          event.data.channel === 'sms'
        )
          await noticed(touch, event.data.sentAt);
        else await touch('status = status', []);
        return;
      case 'RecoveryNoticeRecorded':
        await noticed(touch, event.data.sentAt);
        return;
      case 'RecoveryPlanIssued': {
        const d = event.data;
        const schedule: ScheduledCharge[] = d.charges.map((c) => ({
          chargeId: c.chargeId,
          dueOn: c.dueOn,
          amountCents: c.amountCents,
          recovers: c.recovers,
          billed: false,
        }));
        await touch(
          `status = 'recovering', regular_from = $4, recoverable_cents = $5, schedule = $6::jsonb, next_due_on = $7`,
          [
            d.regularChargesResumeFrom,
            d.recoverableCents,
            JSON.stringify(schedule),
            nextDue(schedule),
          ],
        );
        return;
      }
      case 'RecoveryChargeBilled': {
        const { rows } = await db.query<{ schedule: ScheduledCharge[] | string }>(
          `SELECT schedule FROM ${t.billing_recoveries} WHERE recovery_id = $1`,
          [recoveryId],
        );
        if (!rows[0]) return;
        const raw = rows[0].schedule;
        const schedule = (typeof raw === 'string' ? JSON.parse(raw) : raw) as ScheduledCharge[];
        const updated = schedule.map((c) =>
          c.chargeId === event.data.chargeId ? { ...c, billed: true } : c,
        );
        await touch(`billed_cents = billed_cents + $4, schedule = $5::jsonb, next_due_on = $6`, [
          event.data.amountCents,
          JSON.stringify(updated),
          nextDue(updated),
        ]);
        return;
      }
      case 'BillingRecoverySettled':
        await touch(`status = 'settled', settled_on = $4, next_due_on = NULL`, [
          event.data.settledOn,
        ]);
        return;
      case 'RecoveryNoticeRequested':
      case 'RegularChargesResumed':
        await touch('status = status', []);
        return;
      default:
        return;
    }
  },
};

async function noticed(
  touch: (set: string, values: unknown[]) => Promise<unknown>,
  sentAt: string,
): Promise<void> {
  await touch(
    `notice_at = COALESCE(notice_at, $4),
     status = CASE WHEN status = 'awaiting_notice' THEN 'notified' ELSE status END`,
    [sentAt],
  );
}
