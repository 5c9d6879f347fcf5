import { FoldedEvent } from '@sportello/decider';
import {
  CustomerType,
  ExceptionalFault,
  FaultEvent,
  RecordedPause,
  RepairRegime,
  RepairTerm,
  ServiceRestored,
} from './fault.events';

export type FaultStatus = 'open' | 'restored' | 'closed';

export type FaultState =
  | { status: 'none' }
  | {
      status: FaultStatus;
      faultId: string;
      reference: string;
      operator: string;
      policyVersion: string;
      subjectId: string;
      customerType: CustomerType;
      reportedAt: string;
      term: RepairTerm;
      regime: RepairRegime;
      complexity: 'COMPLEX' | 'EXCEPTIONAL_WIDESPREAD' | null;
      exceptional: ExceptionalFault | null;
      /** null while an open pause suspends the clock, or where no fixed term applies. */
      repairDueAt: string | null;
      pauses: RecordedPause[];
      /** The deadline a RepairDeadlineMissed was recorded for; a later pause may move past it. */
      missedDueAt: string | null;
      remoteInterventions: string[];
      visits: Record<string, 'scheduled' | 'done'>;
      incidents: string[];
      restoration: ServiceRestored['data'] | null;
      indemnity: {
        status: 'none' | 'due' | 'on_hold' | 'approved' | 'denied';
        amountCents: number;
      } | null;
      closedAt: string | null;
      outcome: 'repaired' | 'out_of_scope' | null;
    };

export type ReportedFault = Exclude<FaultState, { status: 'none' }>;

export const initialFaultState = (): FaultState => ({ status: 'none' });

export function evolveFault(state: FaultState, event: FoldedEvent<FaultEvent>): FaultState {
  if (event.type === 'FaultReported') {
    const d = event.data;
    return {
      status: 'open',
      faultId: d.faultId,
      reference: d.reference,
      operator: d.operator,
      policyVersion: d.policyVersion,
      subjectId: d.customer.subjectId,
      customerType: d.customer.customerType,
      reportedAt: d.reportedAt,
      term: d.term,
      regime: 'STANDARD',
      complexity: null,
      exceptional: null,
      repairDueAt: d.repairDueAt,
      pauses: [],
      missedDueAt: null,
      remoteInterventions: [],
      visits: {},
      incidents: [],
      restoration: null,
      indemnity: null,
      closedAt: null,
      outcome: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'RemoteInterventionRecorded':
      return {
        ...state,
        remoteInterventions: [...state.remoteInterventions, event.data.interventionId],
      };
    case 'TechnicianVisitScheduled':
      return { ...state, visits: { ...state.visits, [event.data.visitId]: 'scheduled' } };
    case 'TechnicianVisitDone':
      return { ...state, visits: { ...state.visits, [event.data.visitId]: 'done' } };
    case 'LatePauseApproved':
      return state;
    case 'RepairClockPaused':
      return {
        ...state,
        pauses: [...state.pauses, event.data.pause],
        repairDueAt: event.data.repairDueAt,
      };
    case 'RepairClockResumed':
      return {
        ...state,
        pauses: state.pauses.map((p) =>
          p.pauseId === event.data.pauseId ? { ...p, to: event.data.resumedAt } : p,
        ),
        repairDueAt: event.data.repairDueAt,
      };
    case 'FaultMarkedComplex':
      return {
        ...state,
        regime: event.data.regime,
        complexity: event.data.complexity,
        exceptional: event.data.exceptional,
        repairDueAt: event.data.repairDueAt,
      };
    case 'ExceptionalFaultUpdated':
      return { ...state, exceptional: event.data.exceptional };
    case 'FaultLinkedToIncident':
      return { ...state, incidents: [...state.incidents, event.data.incidentId] };
    case 'RepairDeadlineMissed':
      return { ...state, missedDueAt: event.data.repairDueAt };
    case 'ServiceRestored':
      return { ...state, status: 'restored', restoration: event.data };
    case 'RepairIndemnityAssessed':
      return {
        ...state,
        indemnity: { status: event.data.status, amountCents: event.data.amountCents },
      };
    case 'SupplementaryIndemnityAssessmentRequested':
      return state;
    case 'ComplexFaultIndemnityReviewed':
      return state.indemnity
        ? { ...state, indemnity: { ...state.indemnity, status: event.data.decision } }
        : state;
    case 'FaultClosed':
      return {
        ...state,
        status: 'closed',
        closedAt: event.data.closedAt,
        outcome: event.data.outcome,
      };
    case 'FaultReopened':
      return {
        ...state,
        status: 'open',
        restoration: null,
        indemnity: null,
        closedAt: null,
        outcome: null,
      };
    default:
      // Events other modules append to a fault's stream (e.g. CustomerNotified) change nothing here.
      return state;
  }
}
