import { IdentifierKind } from './subject-identifiers';
import { ErasedStream, LegalHold, RectifiableField, RequestChannel } from './data-subject.events';

export type RequestErasure = {
  type: 'RequestErasure';
  requestId: string;
  subjectId: string;
  channel: RequestChannel;
  receivedAt: string;
  reference: string | null;
};

/** The holds found when the erasure was tried: recorded, and the erasure refused (PRV-10). */
export type HoldErasure = {
  type: 'HoldErasure';
  requestId: string;
  holds: LegalHold[];
};

/** The key is destroyed and the read models scrubbed: what remains is to say so (PRV-13). */
export type RecordErasure = {
  type: 'RecordErasure';
  requestId: string;
  trigger: 'request' | 'retention';
  holds: LegalHold[];
  erased: { streams: ErasedStream[]; blindIndexes: number; readModels: string[] };
  notes: string[];
};

export type RequestExport = {
  type: 'RequestExport';
  exportId: string;
  subjectId: string;
  channel: RequestChannel;
  receivedAt: string;
  reference: string | null;
};

export type DeliverExport = {
  type: 'DeliverExport';
  exportId: string;
  format: 'json' | 'pdf';
  sha256: string;
  streams: number;
  events: number;
  erased: boolean;
};

export type RectifyData = {
  type: 'RectifyData';
  rectificationId: string;
  subjectId: string;
  field: RectifiableField;
  identifierKind: IdentifierKind | null;
  value: string;
  /** The values held today for that field (as last rectified) that the new one replaces. */
  current: string[];
  reason: string | null;
};

export type DataSubjectCommand =
  RequestErasure | HoldErasure | RecordErasure | RequestExport | DeliverExport | RectifyData;
