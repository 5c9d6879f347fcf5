import { LegalHold, RequestChannel } from '../../domain/data-subject.events';
import { FieldCategory } from '../../domain/personal-fields';

/** Who the export is for: the data subject (corrected values only) or an auditor (the log as it is). */
export type ExportAudience = 'data_subject' | 'auditor';

export interface ExportedEvent {
  eventId: string;
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  /** Other subjects' personal data and ids read `[other data subject]`. */
  data: unknown;
  /** Personal fields of this subject that read `[erased]`. */
  erasedFields: string[];
}

export interface ExportedStream {
  stream: string;
  kind: string | null;
  operator: string | null;
  policyVersion: string | null;
  openedAt: string | null;
  closedAt: string | null;
  /** PRV-9 origin: how and by whom the data were first collected. */
  origin: { channel: string | null; collectedBy: string | null; at: string | null };
  events: ExportedEvent[];
}

export interface ExportedPersonalField {
  category: FieldCategory;
  value: unknown;
  stream: string;
  eventId: string;
  eventType: string;
  path: string;
  recordedAt: string;
}

/**
 * Everything held about one data subject (issue 8; PRV-9): the data, where they came from, why
 * they are processed, who saw them, how long they are kept, and the privacy requests made.
 */
export interface SubjectExport {
  format: 'sportello.subject-export';
  version: 1;
  exportId: string | null;
  audience: ExportAudience;
  generatedAt: string;
  subjectId: string;
  status: 'active' | 'erased';
  erasure: {
    requestId: string;
    erasedAt: string;
    erasedBy: string;
    trigger: 'request' | 'retention';
    notes: string[];
  } | null;
  controllers: { operator: string; name: string; privacyContacts: string[]; source: string }[];
  purposes: { operator: string; purpose: string; ruleIds: string[] }[];
  recipients: {
    categories: string[];
    /** The roles that opened the data or recorded it, with how often and when. */
    roles: {
      role: string;
      accesses: number;
      recordedEvents: number;
      firstAt: string;
      lastAt: string;
    }[];
  };
  retention: {
    policyVersion: string;
    ticketHistory: { operator: string; days: number | null; note: string; source: string }[];
    legalHolds: LegalHold[];
  };
  identifiersIndexed: string[];
  personalData: ExportedPersonalField[];
  streams: ExportedStream[];
  readModels: { table: string; rows: Record<string, unknown>[] }[];
  accessLog: {
    at: string;
    actorId: string;
    role: string;
    method: string;
    route: string;
    requestId: string;
  }[];
  privacyRequests: {
    erasureRequests: {
      requestId: string;
      channel: RequestChannel;
      receivedAt: string;
      dueOn: string;
      status: string;
      holds: LegalHold[];
    }[];
    exports: {
      exportId: string;
      channel: RequestChannel;
      receivedAt: string;
      dueOn: string;
      deliveries: { format: string; at: string; sha256: string }[];
    }[];
    rectifications: {
      rectificationId: string;
      field: string;
      value: string;
      at: string;
      /** The replaced values: shown to auditors only (issue 8). */
      replaces?: string[];
    }[];
  };
  counts: { streams: number; events: number; personalFields: number };
}
