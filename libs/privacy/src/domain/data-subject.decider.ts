import {
  ConflictingState,
  DecisionContext,
  Decider,
  NotFound,
  RuleViolation,
} from '@sportello/decider';
import {
  DataSubjectCommand,
  HoldErasure,
  RecordErasure,
  RectifyData,
} from './data-subject.commands';
import { DataSubjectEvent } from './data-subject.events';
import { DataSubjectState, evolveDataSubject, initialDataSubjectState } from './data-subject.state';
import { requestDueOn, romeDateOf } from './request-deadline';

function receivedNotInFuture(receivedAt: string, now: string): void {
  if (Date.parse(receivedAt) > Date.parse(now))
    throw new RuleViolation('PRV-7', 'A request cannot have been received in the future', {
      field: 'receivedAt',
    });
}

function notErased(state: DataSubjectState, what: string): void {
  if (state.erased)
    throw new ConflictingState(
      `The data subject was erased: ${what} is no longer possible`,
      { erasureRequestId: state.erased.requestId },
      'PRV-13',
    );
}

function pendingRequest(state: DataSubjectState, requestId: string) {
  const request = state.erasureRequests.find((r) => r.requestId === requestId);
  if (!request) throw new NotFound('Erasure request', requestId);
  if (request.status === 'executed')
    throw new ConflictingState(
      'This erasure request was already executed',
      { requestId },
      'PRV-13',
    );
  notErased(state, 'a further erasure');
  return request;
}

function holdErasure(command: HoldErasure, state: DataSubjectState): DataSubjectEvent[] {
  const request = pendingRequest(state, command.requestId);
  if (command.holds.length === 0) throw new Error('HoldErasure needs at least one hold');
  const same = JSON.stringify(request.holds) === JSON.stringify(command.holds);
  if (request.status === 'held' && same) return [];
  return [
    {
      type: 'ErasureHeld',
      data: { requestId: command.requestId, subjectId: state.subjectId!, holds: command.holds },
    },
  ];
}

function recordErasure(
  command: RecordErasure,
  state: DataSubjectState,
  context: DecisionContext,
): DataSubjectEvent[] {
  pendingRequest(state, command.requestId);
  if (command.holds.length > 0)
    throw new ConflictingState(
      'A legal hold keeps this data subject',
      { holds: command.holds },
      'PRV-10',
    );
  const streams = command.erased.streams;
  return [
    {
      type: 'SubjectErased',
      data: {
        requestId: command.requestId,
        subjectId: state.subjectId!,
        trigger: command.trigger,
        erasedAt: context.now,
        erasedBy: context.actor.id,
        erased: {
          keyDestroyed: true,
          streams,
          personalFields: streams.reduce((sum, s) => sum + s.personalFields, 0),
          blindIndexes: command.erased.blindIndexes,
          readModels: command.erased.readModels,
        },
        notes: command.notes,
      },
    },
  ];
}

function rectify(command: RectifyData, state: DataSubjectState, now: string): DataSubjectEvent[] {
  notErased(state, 'a rectification');
  const replaces = [...new Set(command.current.filter((v) => v !== command.value))];
  if (replaces.length === 0 && command.current.includes(command.value)) return [];
  return [
    {
      type: 'SubjectDataRectified',
      data: {
        rectificationId: command.rectificationId,
        subjectId: command.subjectId,
        field: command.field,
        identifierKind: command.identifierKind,
        value: command.value,
        replaces,
        reason: command.reason,
        rectifiedAt: now,
      },
    },
  ];
}

/**
 * The privacy requests about one data subject (`subject-<id>`): access/portability exports,
 * erasure requests with their legal holds and execution, rectifications (PRV-7…PRV-13).
 */
export const dataSubjectDecider: Decider<DataSubjectCommand, DataSubjectEvent, DataSubjectState> = {
  initialState: initialDataSubjectState,
  evolve: evolveDataSubject,
  decide(command, state, context) {
    switch (command.type) {
      case 'RequestErasure': {
        if (state.erasureRequests.some((r) => r.requestId === command.requestId)) return [];
        notErased(state, 'a new erasure request');
        receivedNotInFuture(command.receivedAt, context.now);
        return [
          {
            type: 'ErasureRequested',
            data: {
              requestId: command.requestId,
              subjectId: command.subjectId,
              channel: command.channel,
              receivedAt: command.receivedAt,
              dueOn: requestDueOn(romeDateOf(command.receivedAt)),
              reference: command.reference,
            },
          },
        ];
      }
      case 'HoldErasure':
        return holdErasure(command, state);
      case 'RecordErasure':
        return recordErasure(command, state, context);
      case 'RequestExport': {
        if (state.exports.some((e) => e.exportId === command.exportId)) return [];
        receivedNotInFuture(command.receivedAt, context.now);
        return [
          {
            type: 'DataExportRequested',
            data: {
              exportId: command.exportId,
              subjectId: command.subjectId,
              channel: command.channel,
              receivedAt: command.receivedAt,
              dueOn: requestDueOn(romeDateOf(command.receivedAt)),
              reference: command.reference,
            },
          },
        ];
      }
      case 'DeliverExport': {
        if (!state.exports.some((e) => e.exportId === command.exportId))
          throw new NotFound('Export', command.exportId);
        return [
          {
            type: 'DataExportDelivered',
            data: {
              exportId: command.exportId,
              subjectId: state.subjectId!,
              format: command.format,
              deliveredAt: context.now,
              sha256: command.sha256,
              streams: command.streams,
              events: command.events,
              erased: command.erased,
            },
          },
        ];
      }
      case 'RectifyData':
        return rectify(command, state, context.now);
    }
  },
};
