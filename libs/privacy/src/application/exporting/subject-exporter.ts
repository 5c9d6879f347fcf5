import { Clock } from '@sportello/clock';
import { fold } from '@sportello/decider';
import {
  assertSchemaName,
  RecordedEvent,
  SealingEventStore,
  SqlExecutor,
  StoredEvent,
} from '@sportello/eventstore';
import { dataSubjectDecider } from '../../domain/data-subject.decider';
import { DataSubjectEvent, dataSubjectStream } from '../../domain/data-subject.events';
import { DataSubjectState } from '../../domain/data-subject.state';
import { legalHoldsOf } from '../../domain/legal-holds';
import { applyRectifications, subjectView } from '../../domain/personal-fields';
import { PrivacyPolicy, profileOf } from '../../domain/privacy-policy';
import { StreamFacts } from '../../domain/subject-streams';
import { AccessLog } from '../../access/access-log';
import { SubjectRegistry } from '../../registry/subject-registry';
import { factsOfStream } from '../records/stream-facts';
import { SubjectStreamRecords, SubjectStreams } from '../records/subject-streams';
import {
  ExportAudience,
  ExportedPersonalField,
  ExportedStream,
  SubjectExport,
} from './subject-export';

/** Tables that are the privacy machinery itself, never exported as read models. */
const INTERNAL_TABLES = new Set([
  'subject_keys',
  'subject_identifiers',
  'subject_streams',
  'data_subjects',
  'privacy_access_log',
]);
const TABLE = /^[a-z_][a-z0-9_]*$/;
const MAX_ROWS = 1_000;

export interface SubjectExporterDeps {
  db: SqlExecutor;
  schema: string;
  store: SealingEventStore;
  streams: SubjectStreams;
  registry: SubjectRegistry;
  accessLog: AccessLog;
  policy: PrivacyPolicy;
  clock: Clock;
}

export interface ExportOptions {
  /** `data_subject` (the default) shows corrected values only; `auditor` shows the log as it is. */
  audience?: ExportAudience;
  exportId?: string | null;
}

/**
 * Builds everything held about one data subject (issue 8, PRV-9) from the log, the read models
 * and the access log, found by index. Nothing is stored: each delivery is built afresh, so an
 * erasure leaves no copy behind. Also used by the auditors' CLI.
 */
export class SubjectExporter {
  private readonly schema: string;

  constructor(private readonly deps: SubjectExporterDeps) {
    this.schema = assertSchemaName(deps.schema);
  }

  /** Whether anything at all is held about this subject id. */
  async exists(subjectId: string): Promise<boolean> {
    const streams = await this.deps.streams.streamsOf(subjectId);
    return streams.length > 0 || (await this.deps.registry.kindsOf(subjectId)).length > 0;
  }

  async export(subjectId: string, options: ExportOptions = {}): Promise<SubjectExport> {
    const audience = options.audience ?? 'data_subject';
    const now = this.deps.clock.now().toISOString();
    const records = await this.deps.streams.records(subjectId);
    const own = dataSubjectStream(subjectId);
    const privacyEvents = records.find((r) => r.stream === own)?.events ?? [];
    const state = fold(
      dataSubjectDecider,
      (await this.open(privacyEvents)).map((e) => e as unknown as DataSubjectEvent),
    );
    const tickets = records.filter((r) => r.stream !== own);
    const facts = tickets.map((r) => factsOfStream(this.deps.policy, r.stream, r.events));
    const personalData: ExportedPersonalField[] = [];
    const streams: ExportedStream[] = [];
    for (const [i, record] of tickets.entries())
      streams.push(await this.exportStream(record, facts[i], subjectId, personalData));

    const accessLog = await this.deps.accessLog.of(subjectId);
    const operators = [...new Set(facts.map((f) => f.operator).filter((o): o is string => !!o))];
    const profiles = operators.map((o) => profileOf(this.deps.policy, o)).filter((p) => p !== null);

    const document: SubjectExport = {
      format: 'sportello.subject-export',
      version: 1,
      exportId: options.exportId ?? null,
      audience,
      generatedAt: now,
      subjectId,
      status: state.erased ? 'erased' : 'active',
      erasure: state.erased
        ? {
            requestId: state.erased.requestId,
            erasedAt: state.erased.erasedAt,
            erasedBy: state.erased.erasedBy,
            trigger: state.erased.trigger,
            notes: state.erased.notes,
          }
        : null,
      controllers: profiles.map((p) => ({ operator: p.operator, ...p.controller })),
      purposes: profiles.flatMap((p) => p.purposes.map((x) => ({ operator: p.operator, ...x }))),
      recipients: {
        categories: [...new Set(profiles.flatMap((p) => p.recipients))],
        roles: recipientRoles(accessLog, streams),
      },
      retention: {
        policyVersion: this.deps.policy.version,
        ticketHistory: profiles.map((p) => ({
          operator: p.operator,
          ...p.retention.ticketHistory,
        })),
        legalHolds: legalHoldsOf(this.deps.policy, facts, now),
      },
      identifiersIndexed: await this.deps.registry.kindsOf(subjectId),
      personalData,
      streams,
      readModels: await this.readModels(subjectId),
      accessLog: accessLog.map(({ subjectId: _, ...entry }) => entry),
      privacyRequests: privacyRequests(state, audience),
      counts: {
        streams: streams.length,
        events: streams.reduce((n, s) => n + s.events.length, 0),
        personalFields: personalData.length,
      },
    };
    return audience === 'auditor'
      ? document
      : applyRectifications(
          document,
          state.rectifications.map((r) => ({ value: r.value, replaces: r.replaces, kind: r.kind })),
        );
  }

  private async open(events: StoredEvent[]): Promise<RecordedEvent[]> {
    return Promise.all(events.map((e) => this.deps.store.open(e)));
  }

  private async exportStream(
    record: SubjectStreamRecords,
    facts: StreamFacts,
    subjectId: string,
    personalData: ExportedPersonalField[],
  ): Promise<ExportedStream> {
    const opened = await this.open(record.events);
    const first = opened[0];
    const events = opened.map((event, i) => {
      const view = subjectView(record.events[i].data, event.data, subjectId);
      for (const field of view.personal)
        personalData.push({
          category: field.category,
          value: field.value,
          stream: record.stream,
          eventId: event.id,
          eventType: event.type,
          path: field.path,
          recordedAt: event.metadata.recordedAt,
        });
      const own = new Set(view.personal.map((f) => f.path));
      return {
        eventId: event.id,
        revision: event.revision,
        type: event.type,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.metadata.recordedAt,
        actor: event.metadata.actor,
        data: view.data,
        erasedFields: event.masked.filter((path) => own.has(path)),
      };
    });
    const channel = (first?.data as { channel?: unknown } | undefined)?.channel;
    return {
      stream: record.stream,
      kind: facts.kind,
      operator: facts.operator,
      policyVersion: first?.metadata.policyVersion ?? null,
      openedAt: facts.openedAt,
      closedAt: facts.closedAt,
      origin: {
        channel: typeof channel === 'string' ? channel : null,
        collectedBy: first?.metadata.actor.role ?? null,
        at: first?.metadata.occurredAt ?? null,
      },
      events,
    };
  }

  /** Rows about the subject in every table that names one (read models hold ids, never data). */
  private async readModels(subjectId: string): Promise<SubjectExport['readModels']> {
    const { rows: tables } = await this.deps.db.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = $1 AND c.column_name = 'subject_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name`,
      [this.schema],
    );
    const out: SubjectExport['readModels'] = [];
    for (const { table_name: table } of tables) {
      if (INTERNAL_TABLES.has(table) || table.includes('__') || !TABLE.test(table)) continue;
      const { rows } = await this.deps.db.query<Record<string, unknown>>(
        `SELECT * FROM ${this.schema}."${table}" WHERE subject_id = $1 LIMIT ${MAX_ROWS}`,
        [subjectId],
      );
      if (rows.length) out.push({ table, rows: rows.map(plainRow) });
    }
    return out;
  }
}

function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value instanceof Date
        ? value.toISOString()
        : value instanceof Uint8Array
          ? '[binary]'
          : value,
    ]),
  );
}

function recipientRoles(
  accesses: { role: string; at: string }[],
  streams: ExportedStream[],
): SubjectExport['recipients']['roles'] {
  const roles = new Map<string, { accesses: number; recordedEvents: number; times: number[] }>();
  const entry = (role: string) => {
    let found = roles.get(role);
    if (!found) roles.set(role, (found = { accesses: 0, recordedEvents: 0, times: [] }));
    return found;
  };
  for (const access of accesses) {
    const e = entry(access.role);
    e.accesses += 1;
    e.times.push(Date.parse(access.at));
  }
  for (const stream of streams)
    for (const event of stream.events) {
      const e = entry(event.actor.role);
      e.recordedEvents += 1;
      e.times.push(Date.parse(event.recordedAt));
    }
  return [...roles]
    .map(([role, e]) => ({
      role,
      accesses: e.accesses,
      recordedEvents: e.recordedEvents,
      firstAt: new Date(Math.min(...e.times)).toISOString(),
      lastAt: new Date(Math.max(...e.times)).toISOString(),
    }))
    .sort((a, b) => a.role.localeCompare(b.role));
}

function privacyRequests(
  state: DataSubjectState,
  audience: ExportAudience,
): SubjectExport['privacyRequests'] {
  return {
    erasureRequests: state.erasureRequests.map((r) => ({
      requestId: r.requestId,
      channel: r.channel,
      receivedAt: r.receivedAt,
      dueOn: r.dueOn,
      status: r.status,
      holds: r.holds,
    })),
    exports: state.exports.map((e) => ({
      exportId: e.exportId,
      channel: e.channel,
      receivedAt: e.receivedAt,
      dueOn: e.dueOn,
      deliveries: e.deliveries,
    })),
    rectifications: state.rectifications.map((r) => ({
      rectificationId: r.rectificationId,
      field: r.field,
      value: r.value,
      at: r.at,
      ...(audience === 'auditor' ? { replaces: r.replaces } : {}),
    })),
  };
}
