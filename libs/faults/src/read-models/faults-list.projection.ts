import {
  createTableOnce,
  Projection,
  ProjectionTables,
  RecordedEvent,
  createdThenTouched,
  rowFoldWriter,
  SqlExecutor,
} from '@sportello/eventstore';
import { FaultEvent, FaultLinkedToIncident } from '../domain/fault.events';
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

  needsPersonalData: false,
  apply: (db, event, t) => applyFaultsList(db, [event], t),
  applyBatch: applyFaultsList,
};

const FAULT_EVENTS: ReadonlySet<string> = new Set<FaultEvent['type']>([
  'FaultReported',
  'RepairClockPaused',
  'RepairClockResumed',
  'FaultMarkedComplex',
  'FaultLinkedToIncident',
  'RepairDeadlineMissed',
  'ServiceRestored',
  'RepairIndemnityAssessed',
  'ComplexFaultIndemnityReviewed',
  'FaultClosed',
  'FaultReopened',
  'RemoteInterventionRecorded',
  'TechnicianVisitScheduled',
  'TechnicianVisitDone',
  'LatePauseApproved',
  'ExceptionalFaultUpdated',
  'SupplementaryIndemnityAssessmentRequested',
]);

const OUTAGE_EVENTS: ReadonlySet<string> = new Set<OutageEvent['type']>([
  'OutageDeclared',
  'OutageUpdated',
  'OutageFaultsLinked',
]);

const faultRows = rowFoldWriter({
  table: 'faults',
  key: { column: 'fault_id', type: 'uuid' },
  keyOf: (recorded) =>
    recorded.stream.startsWith('fault-') && FAULT_EVENTS.has(recorded.type)
      ? (recorded.data as { faultId: string }).faultId
      : null,
  fold: (row, recorded) => foldFaultRow(row, recorded as RecordedEvent & FaultEvent),
});

const outageRows = rowFoldWriter({
  table: 'outages',
  key: { column: 'outage_id', type: 'uuid' },
  keyOf: (recorded) =>
    recorded.stream.startsWith('outage-') && OUTAGE_EVENTS.has(recorded.type)
      ? (recorded.data as { outageId: string }).outageId
      : null,
  fold: (row, recorded) => foldOutageRow(row, recorded as RecordedEvent & OutageEvent),
});

/**
 * The faults and the outages are row folds; the links (one row per fault and incident, the
 * first link kept) are inserted as they come. The three tables never read one another, so each
 * takes the whole batch in turn.
 */
async function applyFaultsList(
  db: SqlExecutor,
  events: readonly RecordedEvent[],
  t: ProjectionTables,
): Promise<void> {
  await faultRows.applyBatch!(db, events, t);
  await linkFaultsToIncidents(db, events, t);
  await outageRows.applyBatch!(db, events, t);
}

/** The fault's row after one of its events; a report seen twice keeps the first. */
const foldFaultRow = createdThenTouched<RecordedEvent & FaultEvent, 'FaultReported'>({
  createdBy: 'FaultReported',
  create: (event, at) => {
    const d = event.data;
    return {
      fault_id: d.faultId,
      reference: d.reference,
      operator: d.operator,
      policy_version: d.policyVersion,
      status: 'open',
      channel: d.channel,
      service: d.service,
      subject_id: d.customer.subjectId,
      customer_type: d.customer.customerType,
      reported_at: d.reportedAt,
      term_kind: d.term.kind,
      regime: 'STANDARD',
      repair_due_at: d.repairDueAt,
      due_status: d.repairDue.status,
      missed_due_at: null,
      paused: false,
      paused_since: null,
      pause_count: 0,
      restored_at: null,
      restored_on_time: null,
      delay_days: null,
      indemnity_type: null,
      indemnity_status: null,
      indemnity_cents: null,
      outcome: null,
      closed_at: null,
      reopen_count: 0,
      revision: event.revision,
      created_at: at,
      updated_at: at,
    };
  },
  touch: (touched, event) => {
    switch (event.type) {
      case 'RepairClockPaused': {
        const running = event.data.pause.to === null;
        return {
          ...touched,
          repair_due_at: event.data.repairDueAt,
          due_status: event.data.repairDue.status,
          pause_count: Number(touched.pause_count) + 1,
          paused: touched.paused === true || running,
          paused_since: running ? event.data.pause.from : touched.paused_since,
        };
      }
      case 'RepairClockResumed':
        return {
          ...touched,
          repair_due_at: event.data.repairDueAt,
          due_status: event.data.repairDue.status,
          paused: false,
          paused_since: null,
        };
      case 'FaultMarkedComplex':
        return {
          ...touched,
          regime: event.data.regime,
          repair_due_at: event.data.repairDueAt,
          due_status: event.data.repairDue.status,
        };
      case 'RepairDeadlineMissed':
        return { ...touched, missed_due_at: event.data.repairDueAt };
      case 'ServiceRestored':
        return {
          ...touched,
          status: 'restored',
          restored_at: event.data.restoredAt,
          restored_on_time: event.data.onTime,
          delay_days: event.data.delay?.days ?? null,
          repair_due_at: event.data.repairDueAt,
          paused: false,
          paused_since: null,
        };
      case 'RepairIndemnityAssessed':
        return {
          ...touched,
          indemnity_type: event.data.indemnityType,
          indemnity_status: event.data.status,
          indemnity_cents: event.data.amountCents,
        };
      case 'ComplexFaultIndemnityReviewed':
        return { ...touched, indemnity_status: event.data.decision };
      case 'FaultClosed':
        return {
          ...touched,
          status: 'closed',
          outcome: event.data.outcome,
          closed_at: event.data.closedAt,
        };
      case 'FaultReopened':
        return {
          ...touched,
          status: 'open',
          restored_at: null,
          restored_on_time: null,
          delay_days: null,
          indemnity_type: null,
          indemnity_status: null,
          indemnity_cents: null,
          outcome: null,
          closed_at: null,
          repair_due_at: event.data.repairDueAt,
          reopen_count: Number(touched.reopen_count) + 1,
        };
      default:
        // Linked to an incident, interventions, visits, approvals: only the revision moves.
        return touched;
    }
  },
});

/** Every link of the batch in one statement; a link seen again keeps its first `linked_at`. */
async function linkFaultsToIncidents(
  db: SqlExecutor,
  events: readonly RecordedEvent[],
  t: ProjectionTables,
): Promise<void> {
  const links = new Map<string, [incidentId: string, faultId: string, linkedAt: string]>();
  for (const recorded of events) {
    if (!recorded.stream.startsWith('fault-') || recorded.type !== 'FaultLinkedToIncident')
      continue;
    const { incidentId, faultId } = (recorded as RecordedEvent & FaultLinkedToIncident).data;
    const key = JSON.stringify([incidentId, faultId]);
    if (!links.has(key)) links.set(key, [incidentId, faultId, recorded.metadata.occurredAt]);
  }
  if (links.size === 0) return;
  const rows = [...links.values()];
  await db.query(
    `INSERT INTO ${t.fault_incident_links} (incident_id, fault_id, linked_at)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[])
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

/** The outage's row after one of its events; a declaration seen twice keeps the first. */
const foldOutageRow = createdThenTouched<RecordedEvent & OutageEvent, 'OutageDeclared'>({
  createdBy: 'OutageDeclared',
  create: (event, at) => {
    const d = event.data;
    return {
      outage_id: d.outageId,
      operator: d.operator,
      policy_version: d.policyVersion,
      kind: d.kind,
      area_description: d.area.description,
      municipalities: d.area.municipalities,
      postcodes: d.area.postcodes,
      started_at: d.startedAt,
      ended_at: d.endedAt,
      force_majeure_from: d.forceMajeure?.from ?? null,
      force_majeure_ended_on: d.forceMajeure?.endedOn ?? null,
      announced_resolution_date: d.announcedResolutionDate,
      declared_by: d.declaredBy,
      revision: event.revision,
      declared_at: at,
      updated_at: at,
    };
  },
  touch: (touched, event) => {
    switch (event.type) {
      case 'OutageUpdated':
        return {
          ...touched,
          ended_at: event.data.endedAt,
          force_majeure_ended_on: event.data.forceMajeure?.endedOn ?? null,
          announced_resolution_date: event.data.announcedResolutionDate,
        };
      default:
        return touched;
    }
  },
});
