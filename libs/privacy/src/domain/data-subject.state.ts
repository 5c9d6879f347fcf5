import { FoldedEvent } from '@sportello/decider';
import {
  DataSubjectEvent,
  LegalHold,
  RectifiableField,
  RequestChannel,
  SubjectErased,
} from './data-subject.events';
import { IdentifierKind } from './subject-identifiers';

export interface ErasureRequestState {
  requestId: string;
  channel: RequestChannel;
  receivedAt: string;
  dueOn: string;
  status: 'pending' | 'held' | 'executed';
  holds: LegalHold[];
}

export interface ExportState {
  exportId: string;
  channel: RequestChannel;
  receivedAt: string;
  dueOn: string;
  deliveries: { format: 'json' | 'pdf'; at: string; sha256: string }[];
}

export interface RectificationState {
  rectificationId: string;
  field: RectifiableField;
  kind: IdentifierKind | null;
  value: string;
  replaces: string[];
  at: string;
}

export interface DataSubjectState {
  subjectId: string | null;
  erasureRequests: ErasureRequestState[];
  exports: ExportState[];
  rectifications: RectificationState[];
  erased: SubjectErased['data'] | null;
}

export const initialDataSubjectState = (): DataSubjectState => ({
  subjectId: null,
  erasureRequests: [],
  exports: [],
  rectifications: [],
  erased: null,
});

export function evolveDataSubject(
  state: DataSubjectState,
  event: FoldedEvent<DataSubjectEvent>,
): DataSubjectState {
  const subjectId = state.subjectId ?? event.data.subjectId ?? null;
  const withRequest = (requestId: string, change: Partial<ErasureRequestState>) =>
    state.erasureRequests.map((r) => (r.requestId === requestId ? { ...r, ...change } : r));
  switch (event.type) {
    case 'ErasureRequested': {
      const d = event.data;
      return {
        ...state,
        subjectId,
        erasureRequests: [
          ...state.erasureRequests,
          {
            requestId: d.requestId,
            channel: d.channel,
            receivedAt: d.receivedAt,
            dueOn: d.dueOn,
            status: 'pending',
            holds: [],
          },
        ],
      };
    }
    case 'ErasureHeld':
      return {
        ...state,
        subjectId,
        erasureRequests: withRequest(event.data.requestId, {
          status: 'held',
          holds: event.data.holds,
        }),
      };
    case 'SubjectErased':
      return {
        ...state,
        subjectId,
        erasureRequests: withRequest(event.data.requestId, { status: 'executed', holds: [] }),
        erased: event.data,
      };
    case 'DataExportRequested': {
      const d = event.data;
      return {
        ...state,
        subjectId,
        exports: [
          ...state.exports,
          {
            exportId: d.exportId,
            channel: d.channel,
            receivedAt: d.receivedAt,
            dueOn: d.dueOn,
            deliveries: [],
          },
        ],
      };
    }
    case 'DataExportDelivered': {
      const d = event.data;
      return {
        ...state,
        subjectId,
        exports: state.exports.map((e) =>
          e.exportId === d.exportId
            ? {
                ...e,
                deliveries: [
                  ...e.deliveries,
                  { format: d.format, at: d.deliveredAt, sha256: d.sha256 },
                ],
              }
            : e,
        ),
      };
    }
    case 'SubjectDataRectified': {
      const d = event.data;
      return {
        ...state,
        subjectId,
        rectifications: [
          ...state.rectifications,
          {
            rectificationId: d.rectificationId,
            field: d.field,
            kind: d.identifierKind,
            value: d.value,
            replaces: d.replaces,
            at: d.rectifiedAt,
          },
        ],
      };
    }
  }
}
