import { DomainEvent } from '@sportello/decider';
import { IdentifierKind } from './subject-identifiers';

/** How a data-subject request reached the controller (PRV-7, PRV-8: any channel is registered). */
export const REQUEST_CHANNELS = [
  'email',
  'registered_letter',
  'letter',
  'fax',
  'phone',
  'web',
  'in_person',
  'retention',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** The personal fields a privacy officer may correct (PRV-9: update, rectification, integration). */
export const RECTIFIABLE_FIELDS = [
  'name',
  'fiscalCode',
  'vatNumber',
  'phone',
  'email',
  'lineId',
] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

export interface LegalHold {
  holdId: string;
  /** Shown to the privacy officer and kept in the log: why the data must stay. */
  reason: string;
  ruleIds: string[];
  /** The streams the hold is about (ids only). */
  streams: string[];
  /** When the hold ends by itself, if it does (ISO instant); null while a ticket is open or no period is set. */
  until: string | null;
}

export interface ErasedStream {
  stream: string;
  kind: string | null;
  /** Sealed personal fields of this subject that can no longer be opened. */
  personalFields: number;
}

/** Where the data-subject request stands against its legal deadline (EXT-PRV-1). */
export interface RequestDeadline {
  receivedAt: string;
  /** The Europe/Rome date by which the request must be answered. */
  dueOn: string;
}

export type ErasureRequested = DomainEvent<
  'ErasureRequested',
  {
    requestId: string;
    subjectId: string;
    channel: RequestChannel;
    receivedAt: string;
    dueOn: string;
    /** The requester's own reference (e.g. the e-mail's subject line): personal, sealed. */
    reference: string | null;
  }
>;

export type ErasureHeld = DomainEvent<
  'ErasureHeld',
  { requestId: string; subjectId: string; holds: LegalHold[] }
>;

export type SubjectErased = DomainEvent<
  'SubjectErased',
  {
    requestId: string;
    subjectId: string;
    trigger: 'request' | 'retention';
    erasedAt: string;
    erasedBy: string;
    /** What can no longer be read: the subject's key is destroyed (PRV-13). */
    erased: {
      keyDestroyed: true;
      streams: ErasedStream[];
      personalFields: number;
      blindIndexes: number;
      readModels: string[];
    };
    /** What a legal obligation keeps, or a period nobody has set yet (PRV-10). */
    notes: string[];
  }
>;

export type DataExportRequested = DomainEvent<
  'DataExportRequested',
  {
    exportId: string;
    subjectId: string;
    channel: RequestChannel;
    receivedAt: string;
    dueOn: string;
    reference: string | null;
  }
>;

export type DataExportDelivered = DomainEvent<
  'DataExportDelivered',
  {
    exportId: string;
    subjectId: string;
    format: 'json' | 'pdf';
    deliveredAt: string;
    /** SHA-256 of what was handed over, so an auditor can tell which document it was. */
    sha256: string;
    streams: number;
    events: number;
    /** The subject was erased when the export was made: personal fields read `[erased]`. */
    erased: boolean;
  }
>;

export type SubjectDataRectified = DomainEvent<
  'SubjectDataRectified',
  {
    rectificationId: string;
    subjectId: string;
    field: RectifiableField;
    identifierKind: IdentifierKind | null;
    /** The correct value, and the values it replaces: personal, sealed. */
    value: string;
    replaces: string[];
    reason: string | null;
    rectifiedAt: string;
  }
>;

export type DataSubjectEvent =
  | ErasureRequested
  | ErasureHeld
  | SubjectErased
  | DataExportRequested
  | DataExportDelivered
  | SubjectDataRectified;

export type DataSubjectEventType = DataSubjectEvent['type'];

export const dataSubjectStream = (subjectId: string) => `subject-${subjectId}`;

export function subjectIdOfStream(stream: string): string | null {
  return stream.startsWith('subject-') ? stream.slice('subject-'.length) : null;
}
