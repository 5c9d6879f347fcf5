import { deciderSpec } from '@sportello/decider/testing/decider-spec';
import { DataSubjectCommand } from './data-subject.commands';
import { dataSubjectDecider } from './data-subject.decider';
import { DataSubjectEvent, LegalHold } from './data-subject.events';

const spec = deciderSpec<DataSubjectCommand, DataSubjectEvent, unknown>(
  dataSubjectDecider as never,
  { now: '2026-06-01T10:00:00.000Z', actor: { id: 'dpo-1', roles: ['privacy_officer'] } },
);

const subjectId = 'sub-1';
const requested: DataSubjectEvent = {
  type: 'ErasureRequested',
  data: {
    requestId: 'req-1',
    subjectId,
    channel: 'email',
    receivedAt: '2026-06-01T07:00:00.000Z',
    dueOn: '2026-07-01',
    reference: null,
  },
};
const hold: LegalHold = {
  holdId: 'open-complaint',
  reason: 'A complaint not yet closed is a dispute in progress',
  ruleIds: ['PRV-10'],
  streams: ['complaint-1'],
  until: null,
};
const erased: DataSubjectEvent = {
  type: 'SubjectErased',
  data: {
    requestId: 'req-1',
    subjectId,
    trigger: 'request',
    erasedAt: '2026-06-01T10:00:00.000Z',
    erasedBy: 'dpo-1',
    erased: { keyDestroyed: true, streams: [], personalFields: 0, blindIndexes: 0, readModels: [] },
    notes: [],
  },
};
const record = {
  type: 'RecordErasure' as const,
  requestId: 'req-1',
  trigger: 'request' as const,
  holds: [],
  erased: {
    streams: [{ stream: 'complaint-1', kind: 'complaint', personalFields: 5 }],
    blindIndexes: 3,
    readModels: ['subject_identifiers'],
  },
  notes: ['kept'],
};

describe('data subject decider (PRV-7 … PRV-13)', () => {
  it('PRV-7, EXT-PRV-1: registers an erasure request from any channel, due a month later', () => {
    spec
      .given([])
      .when({
        type: 'RequestErasure',
        requestId: 'req-1',
        subjectId,
        channel: 'email',
        receivedAt: '2026-06-01T07:00:00.000Z',
        reference: null,
      })
      .then([requested]);
  });

  it('PRV-7: a request cannot be received in the future', () => {
    spec
      .given([])
      .when({
        type: 'RequestErasure',
        requestId: 'req-1',
        subjectId,
        channel: 'fax',
        receivedAt: '2026-06-02T07:00:00.000Z',
        reference: null,
      })
      .thenRefuses({ ruleId: 'PRV-7', details: { field: 'receivedAt' } });
  });

  it('PRV-10: records the legal holds found, once while they do not change', () => {
    spec
      .given([requested])
      .when({ type: 'HoldErasure', requestId: 'req-1', holds: [hold] })
      .then([{ type: 'ErasureHeld', data: { requestId: 'req-1', subjectId, holds: [hold] } }]);
    spec
      .given([
        requested,
        { type: 'ErasureHeld', data: { requestId: 'req-1', subjectId, holds: [hold] } },
      ])
      .when({ type: 'HoldErasure', requestId: 'req-1', holds: [hold] })
      .then([]);
  });

  it('PRV-10: an erasure with a hold is refused with the hold', () => {
    spec
      .given([requested])
      .when({ ...record, holds: [hold] })
      .thenRefuses({ kind: 'conflicting_state', ruleId: 'PRV-10', details: { holds: [hold] } });
  });

  it('PRV-13: the erasure record says what was erased, by whom, under which request', () => {
    spec
      .given([requested])
      .when(record)
      .then([
        {
          type: 'SubjectErased',
          data: {
            requestId: 'req-1',
            subjectId,
            trigger: 'request',
            erasedAt: '2026-06-01T10:00:00.000Z',
            erasedBy: 'dpo-1',
            erased: {
              keyDestroyed: true,
              streams: [{ stream: 'complaint-1', kind: 'complaint', personalFields: 5 }],
              personalFields: 5,
              blindIndexes: 3,
              readModels: ['subject_identifiers'],
            },
            notes: ['kept'],
          },
        },
      ]);
  });

  it('PRV-13: a subject is erased once; no new request nor rectification after it', () => {
    spec.given([requested, erased]).when(record).thenRefuses({ kind: 'conflicting_state' });
    spec
      .given([requested, erased])
      .when({
        type: 'RequestErasure',
        requestId: 'req-2',
        subjectId,
        channel: 'email',
        receivedAt: '2026-06-01T07:00:00.000Z',
        reference: null,
      })
      .thenRefuses({ ruleId: 'PRV-13' });
    spec
      .given([requested, erased])
      .when({
        type: 'RectifyData',
        rectificationId: 'r-1',
        subjectId,
        field: 'phone',
        identifierKind: 'phone',
        value: '+39 333 0000000',
        current: [],
        reason: null,
      })
      .thenRefuses({ ruleId: 'PRV-13' });
  });

  it('PRV-13, AS-37: an export may still be requested and delivered after erasure', () => {
    spec
      .given([requested, erased])
      .when({
        type: 'RequestExport',
        exportId: 'exp-1',
        subjectId,
        channel: 'registered_letter',
        receivedAt: '2026-06-01T08:00:00.000Z',
        reference: null,
      })
      .then((events) => expect(events.map((e) => e.type)).toEqual(['DataExportRequested']));
  });

  it('PRV-9: an export is delivered only once requested, and each delivery is an event', () => {
    const deliver = {
      type: 'DeliverExport' as const,
      exportId: 'exp-1',
      format: 'pdf' as const,
      sha256: 'ab',
      streams: 2,
      events: 7,
      erased: false,
    };
    spec.given([]).when(deliver).thenRefuses({ kind: 'not_found' });
    spec
      .given([
        {
          type: 'DataExportRequested',
          data: {
            exportId: 'exp-1',
            subjectId,
            channel: 'email',
            receivedAt: '2026-06-01T08:00:00.000Z',
            dueOn: '2026-07-01',
            reference: null,
          },
        },
      ])
      .when(deliver)
      .then([
        {
          type: 'DataExportDelivered',
          data: {
            exportId: 'exp-1',
            subjectId,
            format: 'pdf',
            deliveredAt: '2026-06-01T10:00:00.000Z',
            sha256: 'ab',
            streams: 2,
            events: 7,
            erased: false,
          },
        },
      ]);
  });

  it('PRV-9: a rectification names the values it replaces; the same value again changes nothing', () => {
    const rectify = {
      type: 'RectifyData' as const,
      rectificationId: 'r-1',
      subjectId,
      field: 'phone' as const,
      identifierKind: 'phone' as const,
      value: '+39 333 7654321',
      current: ['+39 333 1234567', '3331234567', '+39 333 1234567'],
      reason: 'typo',
    };
    spec
      .given([])
      .when(rectify)
      .then([
        {
          type: 'SubjectDataRectified',
          data: {
            rectificationId: 'r-1',
            subjectId,
            field: 'phone',
            identifierKind: 'phone',
            value: '+39 333 7654321',
            replaces: ['+39 333 1234567', '3331234567'],
            reason: 'typo',
            rectifiedAt: '2026-06-01T10:00:00.000Z',
          },
        },
      ]);
    spec
      .given([])
      .when({ ...rectify, current: ['+39 333 7654321'] })
      .then([]);
  });
});
