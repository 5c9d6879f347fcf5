import { FoldedEvent } from '@sportello/decider';
import {
  ActivationEvent,
  ActivationService,
  ActivationTerm,
  CustomerType,
  RecordedPause,
  RequestKind,
  ServiceActivated,
} from './activation.events';

/** requested: the clock runs; not_feasible: negative technical check (AMB-8). */
export type ActivationStatus = 'requested' | 'activated' | 'not_feasible' | 'cancelled';

export type ActivationState =
  | { status: 'none' }
  | {
      status: ActivationStatus;
      activationId: string;
      reference: string;
      operator: string;
      policyVersion: string;
      subjectId: string;
      customerType: CustomerType;
      requestKind: RequestKind;
      services: ActivationService[];
      receivedAt: string;
      term: ActivationTerm;
      technicalCheck: { outcome: 'positive' | 'negative'; checkedAt: string } | null;
      pauses: RecordedPause[];
      notices: string[];
      /** ACT-10, IND-5: the announced date in force as the deadline. */
      announced: { noticeId: string; date: string } | null;
      /** null while an open pause suspends the clock, or after a negative check. */
      activationDueAt: string | null;
      /** The deadline an ActivationDeadlineMissed was recorded for. */
      missedDueAt: string | null;
      activation: ServiceActivated['data'] | null;
      indemnity: { status: 'none' | 'due' | 'awaiting_claim'; amountCents: number } | null;
    };

export type RequestedActivation = Exclude<ActivationState, { status: 'none' }>;

export const initialActivationState = (): ActivationState => ({ status: 'none' });

export function evolveActivation(
  state: ActivationState,
  event: FoldedEvent<ActivationEvent>,
): ActivationState {
  if (event.type === 'ActivationRequested') {
    const d = event.data;
    return {
      status: 'requested',
      activationId: d.activationId,
      reference: d.reference,
      operator: d.operator,
      policyVersion: d.policyVersion,
      subjectId: d.customer.subjectId,
      customerType: d.customer.customerType,
      requestKind: d.requestKind,
      services: d.services,
      receivedAt: d.receivedAt,
      term: d.term,
      technicalCheck: null,
      pauses: [],
      notices: [],
      announced: null,
      activationDueAt: d.activationDueAt,
      missedDueAt: null,
      activation: null,
      indemnity: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TechnicalCheckRecorded':
      return {
        ...state,
        status: event.data.outcome === 'negative' ? 'not_feasible' : state.status,
        technicalCheck: { outcome: event.data.outcome, checkedAt: event.data.checkedAt },
        activationDueAt: event.data.activationDueAt,
      };
    case 'ActivationLatePauseApproved':
      return state;
    case 'ActivationClockPaused':
      return {
        ...state,
        pauses: [...state.pauses, event.data.pause],
        activationDueAt: event.data.activationDueAt,
      };
    case 'ActivationClockResumed':
      return {
        ...state,
        pauses: state.pauses.map((p) =>
          p.pauseId === event.data.pauseId ? { ...p, to: event.data.resumedAt } : p,
        ),
        activationDueAt: event.data.activationDueAt,
      };
    case 'ActivationDelayNotified':
      return {
        ...state,
        notices: [...state.notices, event.data.noticeId],
        announced:
          event.data.exemption.applies && event.data.newActivationDate
            ? { noticeId: event.data.noticeId, date: event.data.newActivationDate }
            : state.announced,
        activationDueAt: event.data.activationDueAt,
      };
    case 'ActivationDeadlineMissed':
      return { ...state, missedDueAt: event.data.activationDueAt };
    case 'ServiceActivated':
      return { ...state, status: 'activated', activation: event.data };
    case 'ActivationIndemnityAssessed':
      return {
        ...state,
        indemnity: { status: event.data.status, amountCents: event.data.credit.amountCents },
      };
    case 'ActivationSupplementaryIndemnityAssessmentRequested':
      return state;
    case 'IndemnityClaimRecorded':
      return state.indemnity
        ? { ...state, indemnity: { ...state.indemnity, status: 'due' } }
        : state;
    case 'ActivationRequestCancelled':
      return { ...state, status: 'cancelled' };
    default:
      // Events other modules append (e.g. the indemnity ledger's) change nothing here.
      return state;
  }
}
