import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { MaintenanceEvent, NoticeCompliance } from '../domain/maintenance.events';

/**
 * One row per maintenance window and one per affected line, for lists, supervisor dashboards
 * (breaches flagged, MNT-1, AMB-10) and the indemnity ledger. No personal data: a line row holds
 * its customer's subject id and type, never the line id, which stays sealed in the stream.
 */
export const maintenanceWindowsProjection: Projection = {
  name: 'maintenance_windows',
  tables: ['maintenance_windows', 'maintenance_window_lines'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.maintenance_windows,
      `CREATE TABLE ${t.maintenance_windows} (
        window_id              uuid        PRIMARY KEY,
        reference              text        NOT NULL UNIQUE,
        operator               text        NOT NULL,
        policy_version         text        NOT NULL,
        kind                   text        NOT NULL,
        status                 text        NOT NULL,
        area                   text,
        affected_kind          text        NOT NULL,
        affected_count         integer     NOT NULL,
        planned_start          timestamptz NOT NULL,
        planned_end            timestamptz NOT NULL,
        notice_published_at    timestamptz,
        notice_channel         text,
        notice_hours           numeric,
        compliance_stage       text        NOT NULL,
        compliance_status      text        NOT NULL,
        consequence            text        NOT NULL,
        flagged_to_supervisors boolean     NOT NULL DEFAULT false,
        started_at             timestamptz,
        ended_at               timestamptz,
        days_touched           integer,
        indemnity_total_cents  integer,
        revision               integer     NOT NULL,
        created_at             timestamptz NOT NULL,
        updated_at             timestamptz NOT NULL
      )`,
      ['planned_start, window_id', 'operator, planned_start', 'compliance_status, status'],
    );
    await createTableOnce(
      db,
      t.maintenance_window_lines,
      `CREATE TABLE ${t.maintenance_window_lines} (
        window_id       uuid    NOT NULL,
        position        integer NOT NULL,
        subject_id      text    NOT NULL,
        customer_type   text    NOT NULL,
        indemnity_cents integer,
        PRIMARY KEY (window_id, position)
      )`,
      ['subject_id'],
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    if (!recorded.stream.startsWith('maintenance-window-')) return;
    const event = recorded as unknown as RecordedEvent & MaintenanceEvent;
    const at = recorded.metadata.recordedAt;
    const touch = (set: string, values: unknown[] = []) =>
      db.query(
        `UPDATE ${t.maintenance_windows} SET ${set}, revision = $2, updated_at = $3 WHERE window_id = $1`,
        [event.data.windowId, recorded.revision, at, ...values],
      );
    const compliance = (c: NoticeCompliance) =>
      touch(`compliance_stage = $4, compliance_status = $5, consequence = $6, notice_hours = $7`, [
        c.stage,
        c.status,
        c.consequence,
        c.noticeHours,
      ]);
    switch (event.type) {
      case 'MaintenanceWindowRegistered': {
        const d = event.data;
        const lines = d.affected.kind === 'lines' ? d.affected.lines : [];
        await db.query(
          `INSERT INTO ${t.maintenance_windows} (window_id, reference, operator, policy_version, kind, status, area,
             affected_kind, affected_count, planned_start, planned_end, notice_published_at, notice_channel,
             notice_hours, compliance_stage, compliance_status, consequence, revision, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, 'scheduled', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
           ON CONFLICT (window_id) DO NOTHING`,
          [
            d.windowId,
            d.reference,
            d.operator,
            d.policyVersion,
            d.kind,
            d.area,
            d.affected.kind,
            d.affected.kind === 'lines' ? lines.length : d.affected.count,
            d.plannedStart,
            d.plannedEnd,
            d.notice?.publishedAt ?? null,
            d.notice?.channel ?? null,
            d.compliance.noticeHours,
            d.compliance.stage,
            d.compliance.status,
            d.compliance.consequence,
            recorded.revision,
            at,
          ],
        );
        for (const [position, line] of lines.entries())
          await db.query(
            `INSERT INTO ${t.maintenance_window_lines} (window_id, position, subject_id, customer_type)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
            [d.windowId, position, line.subjectId, line.customerType],
          );
        return;
      }
      case 'MaintenanceNoticePublished':
        await touch('notice_published_at = $4, notice_channel = $5', [
          event.data.notice.publishedAt,
          event.data.notice.channel,
        ]);
        await compliance(event.data.compliance);
        return;
      case 'MaintenanceWindowRescheduled':
        await touch('planned_start = $4, planned_end = $5', [
          event.data.plannedStart,
          event.data.plannedEnd,
        ]);
        await compliance(event.data.compliance);
        return;
      case 'MaintenanceStarted':
        await touch(`status = 'started', started_at = $4`, [event.data.startedAt]);
        await compliance(event.data.compliance);
        return;
      case 'MaintenanceNoticeBreached':
        await touch('flagged_to_supervisors = $4', [event.data.flaggedToSupervisors]);
        return;
      case 'MaintenanceEnded':
        await touch(`status = 'ended', ended_at = $4, days_touched = $5`, [
          event.data.endedAt,
          event.data.daysTouched.length,
        ]);
        return;
      case 'MaintenanceNoticeIndemnityAssessed': {
        const d = event.data;
        await touch('indemnity_total_cents = $4', [d.totalCents]);
        for (const [position, line] of (d.lines ?? []).entries())
          await db.query(
            `UPDATE ${t.maintenance_window_lines} SET indemnity_cents = $3 WHERE window_id = $1 AND position = $2`,
            [d.windowId, position, line.amountCents],
          );
        return;
      }
      case 'MaintenanceWindowCancelled':
        await touch(`status = 'cancelled'`);
        return;
      default:
        return;
    }
  },
};
