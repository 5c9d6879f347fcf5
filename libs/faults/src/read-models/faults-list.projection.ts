import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { FaultEvent } from '../domain/fault.events';
import { OutageEvent } from '../domain/outage.events';

/**
 * One row per fault, one per outage and one per fault–outage link, for lists, dashboards and
 * the deadline reconciler. No personal data: names, contacts, the line and every free text stay
 * in the (sealed) stream, read only when a detail is shown, so an erasure leaves nothing here.
 */
export const faultsListProjection: Projection = {
  name: 'faults_list',
  tables: ['faults', 'fault_incident_links', 'outages'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.faults,
      `CREATE TABLE ${t.faults} (
        fault_id          uuid        PRIMARY KEY,
        reference         text        NOT NULL UNIQUE,
        operator          text        NOT NULL,
        policy_version    text        NOT NULL,
        status            text        NOT NULL,
        channel           text        NOT NULL,
        service           text        NOT NULL,
        subject_id        text        NOT NULL,
        customer_type     text        NOT NULL,
        reported_at       timestamptz NOT NULL,
        term_kind         text        NOT NULL,
        regime            text        NOT NULL DEFAULT 'STANDARD',
        repair_due_at     timestamptz,
        due_status        text        NOT NULL,
        missed_due_at     timestamptz,
        paused            boolean     NOT NULL DEFAULT false,
        paused_since      timestamptz,
        pause_count       integer     NOT NULL DEFAULT 0,
        restored_at       timestamptz,
        restored_on_time  boolean,
        delay_days        integer,
        indemnity_type    text,
        indemnity_status  text,
        indemnity_cents   integer,
        outcome           text,
        closed_at         timestamptz,
        reopen_count      integer     NOT NULL DEFAULT 0,
        revision          integer     NOT NULL,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL
      )`,
      ['status, repair_due_at, fault_id', 'operator, reported_at', 'subject_id', 'paused, status'],
    );
    await createTableOnce(
      db,
      t.fault_incident_links,
      `CREATE TABLE ${t.fault_incident_links} (
        incident_id text        NOT NULL,
        fault_id    uuid        NOT NULL,
        linked_at   timestamptz NOT NULL,
        PRIMARY KEY (incident_id, fault_id)
      )`,
      ['fault_id'],
    );
    await createTableOnce(
      db,
      t.outages,
      `CREATE TABLE ${t.outages} (
        outage_id                 uuid        PRIMARY KEY,
        operator                  text        NOT NULL,
        policy_version            text        NOT NULL,
        kind                      text        NOT NULL,
        area_description          text        NOT NULL,
        municipalities            text[]      NOT NULL,
        postcodes                 text[]      NOT NULL,
        started_at                timestamptz NOT NULL,
        ended_at                  timestamptz,
        force_majeure_from        date,
        force_majeure_ended_on    date,
        announced_resolution_date date,
        declared_by               text        NOT NULL,
        revision                  integer     NOT NULL,
        declared_at               timestamptz NOT NULL,
        updated_at                timestamptz NOT NULL
      )`,
      ['operator, started_at'],
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    if (recorded.stream.startsWith('outage-')) return applyOutage(db, recorded, t);
    if (!recorded.stream.startsWith('fault-')) return;
    const event = recorded as unknown as RecordedEvent & FaultEvent;
    const at = recorded.metadata.recordedAt;
    const touch = (set: string, values: unknown[] = []) =>
      db.query(
        `UPDATE ${t.faults} SET ${set}, revision = $2, updated_at = $3 WHERE fault_id = $1`,
        [event.data.faultId, recorded.revision, at, ...values],
      );
    switch (event.type) {
      case 'FaultReported': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.faults} (fault_id, reference, operator, policy_version, status, channel, service, subject_id,
             customer_type, reported_at, term_kind, repair_due_at, due_status, revision, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
           ON CONFLICT (fault_id) DO NOTHING`,
          [
            d.faultId,
            d.reference,
            d.operator,
            d.policyVersion,
            d.channel,
            d.service,
            d.customer.subjectId,
            d.customer.customerType,
            d.reportedAt,
            d.term.kind,
            d.repairDueAt,
            d.repairDue.status,
            recorded.revision,
            at,
          ],
        );
        return;
      }
      case 'RepairClockPaused': {
        const running = event.data.pause.to === null;
        await touch(
          `repair_due_at = $4, due_status = $5, pause_count = pause_count + 1,
           paused = paused OR $6, paused_since = CASE WHEN $6 THEN $7::timestamptz ELSE paused_since END`,
          [event.data.repairDueAt, event.data.repairDue.status, running, event.data.pause.from],
        );
        return;
      }
      case 'RepairClockResumed':
        await touch(`repair_due_at = $4, due_status = $5, paused = false, paused_since = NULL`, [
          event.data.repairDueAt,
          event.data.repairDue.status,
        ]);
        return;
      case 'FaultMarkedComplex':
        await touch(`regime = $4, repair_due_at = $5, due_status = $6`, [
          event.data.regime,
          event.data.repairDueAt,
          event.data.repairDue.status,
        ]);
        return;
      case 'FaultLinkedToIncident':
        await db.query(
          `INSERT INTO ${t.fault_incident_links} (incident_id, fault_id, linked_at) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [event.data.incidentId, event.data.faultId, recorded.metadata.occurredAt],
        );
        await touch('status = status');
        return;
      case 'RepairDeadlineMissed':
        await touch('missed_due_at = $4', [event.data.repairDueAt]);
        return;
      case 'ServiceRestored':
        await touch(
          `status = 'restored', restored_at = $4, restored_on_time = $5, delay_days = $6,
           repair_due_at = $7, paused = false, paused_since = NULL`,
          [
            event.data.restoredAt,
            event.data.onTime,
            event.data.delay?.days ?? null,
            event.data.repairDueAt,
          ],
        );
        return;
      case 'RepairIndemnityAssessed':
        await touch('indemnity_type = $4, indemnity_status = $5, indemnity_cents = $6', [
          event.data.indemnityType,
          event.data.status,
          event.data.amountCents,
        ]);
        return;
      case 'ComplexFaultIndemnityReviewed':
        await touch('indemnity_status = $4', [event.data.decision]);
        return;
      case 'FaultClosed':
        await touch(`status = 'closed', outcome = $4, closed_at = $5`, [
          event.data.outcome,
          event.data.closedAt,
        ]);
        return;
      case 'FaultReopened':
        await touch(
          `status = 'open', restored_at = NULL, restored_on_time = NULL, delay_days = NULL,
           indemnity_type = NULL, indemnity_status = NULL, indemnity_cents = NULL, outcome = NULL,
           closed_at = NULL, repair_due_at = $4, reopen_count = reopen_count + 1`,
          [event.data.repairDueAt],
        );
        return;
      case 'RemoteInterventionRecorded':
      case 'TechnicianVisitScheduled':
      case 'TechnicianVisitDone':
      case 'LatePauseApproved':
      case 'ExceptionalFaultUpdated':
      case 'SupplementaryIndemnityAssessmentRequested':
        await touch('status = status');
        return;
      default:
        return;
    }
  },
};

async function applyOutage(
  db: SqlExecutor,
  recorded: RecordedEvent,
  t: Readonly<Record<string, string>>,
): Promise<void> {
  const event = recorded as unknown as RecordedEvent & OutageEvent;
  const at = recorded.metadata.recordedAt;
  switch (event.type) {
    case 'OutageDeclared': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.outages} (outage_id, operator, policy_version, kind, area_description, municipalities,
           postcodes, started_at, ended_at, force_majeure_from, force_majeure_ended_on, announced_resolution_date,
           declared_by, revision, declared_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
         ON CONFLICT (outage_id) DO NOTHING`,
        [
          d.outageId,
          d.operator,
          d.policyVersion,
          d.kind,
          d.area.description,
          d.area.municipalities,
          d.area.postcodes,
          d.startedAt,
          d.endedAt,
          d.forceMajeure?.from ?? null,
          d.forceMajeure?.endedOn ?? null,
          d.announcedResolutionDate,
          d.declaredBy,
          recorded.revision,
          at,
        ],
      );
      return;
    }
    case 'OutageUpdated':
      await db.query(
        `UPDATE ${t.outages} SET ended_at = $2, force_majeure_ended_on = $3, announced_resolution_date = $4,
           revision = $5, updated_at = $6 WHERE outage_id = $1`,
        [
          event.data.outageId,
          event.data.endedAt,
          event.data.forceMajeure?.endedOn ?? null,
          event.data.announcedResolutionDate,
          recorded.revision,
          at,
        ],
      );
      return;
    case 'OutageFaultsLinked':
      await db.query(
        `UPDATE ${t.outages} SET revision = $2, updated_at = $3 WHERE outage_id = $1`,
        [event.data.outageId, recorded.revision, at],
      );
      return;
    default:
      return;
  }
}
