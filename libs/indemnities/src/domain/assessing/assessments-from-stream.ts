import {
  ActivationEvent,
  ActivationIndemnityAssessed,
  ActivationRequested,
  ServiceActivated,
} from '@sportello/activations/domain/activation.events';
import { ActivationPolicy } from '@sportello/activations/domain/activation.policy';
import {
  evolveActivation,
  initialActivationState,
} from '@sportello/activations/domain/activation.state';
import { complaintLateIndemnity } from '@sportello/complaints/domain/complaint-indemnity';
import {
  ComplaintAnswered,
  ComplaintFiled,
  ComplaintWithdrawn,
} from '@sportello/complaints/domain/complaint.events';
import { ComplaintPolicy } from '@sportello/complaints/domain/complaint.policy';
import {
  evolveComplaint,
  initialComplaintState,
} from '@sportello/complaints/domain/complaint.state';
import { DomainEvent, FoldedEvent } from '@sportello/decider';
import {
  DirectoryErrorAttributionDecided,
  DirectoryErrorIndemnityAssessed,
  DirectoryErrorReported,
} from '@sportello/directory/domain/directory.events';
import {
  FaultEvent,
  FaultReported,
  RepairDeadline,
  RepairIndemnityAssessed,
} from '@sportello/faults/domain/fault.events';
import { FaultPolicy } from '@sportello/faults/domain/fault.policy';
import { evolveFault, initialFaultState } from '@sportello/faults/domain/fault.state';
import {
  MaintenanceEnded,
  MaintenanceNoticeIndemnityAssessed,
  MaintenanceWindowRegistered,
} from '@sportello/maintenance/domain/maintenance.events';
import { MaintenancePolicy } from '@sportello/maintenance/domain/maintenance.policy';
import { romeDateOf } from '@sportello/sla';
import {
  IndemnityAssessed,
  IndemnityType,
  LEDGER_EVENT_TYPES,
  TicketRef,
} from '../indemnity.events';
import { assessIndemnity } from './indemnity-assessment';
import {
  activationDelayTerms,
  complaintDelayTerms,
  directoryErrorTerms,
  exceptionalFaultTerms,
  maintenanceNoticeTerms,
  repairDelayTerms,
} from './indemnity-terms';

/** An event of a ticket stream as the reactor reads it. */
export interface StreamEvent {
  id: string;
  revision: number;
  type: string;
  data: unknown;
  occurredAt: string;
}

/** The pinned versions' figures by kind (CAL-9); null where the version sets none. */
export interface PinnedPolicies {
  complaint(version: string): ComplaintPolicy | null;
  fault(version: string): FaultPolicy | null;
  activation(version: string): ActivationPolicy | null;
  maintenance(version: string): MaintenancePolicy | null;
}

/** The deterministic id of one assessment: (stream, source event, line). */
export type AssessmentIds = (
  source: StreamEvent,
  indemnityType: IndemnityType,
  party: string | null,
) => string;

/** The events that fulfil an obligation and so close a ledger line, by stream kind. */
export const ASSESSMENT_TRIGGERS = new Set([
  'ComplaintAnswered',
  'ComplaintWithdrawn',
  'RepairIndemnityAssessed',
  'ActivationIndemnityAssessed',
  'MaintenanceNoticeIndemnityAssessed',
  'DirectoryErrorIndemnityAssessed',
]);

/** Events after the trigger that void what it assessed (the fault's restoration did not hold). */
const VOIDING = new Set(['FaultReopened']);

type Fold<S> = { initial: () => S; evolve: (state: S, event: FoldedEvent<DomainEvent>) => S };

function fold<S>(fold: Fold<S>, events: StreamEvent[]): S {
  let state = fold.initial();
  for (const e of events) {
    if ((LEDGER_EVENT_TYPES as readonly string[]).includes(e.type)) continue;
    state = fold.evolve(state, {
      type: e.type,
      data: e.data,
      metadata: { occurredAt: e.occurredAt, recordedAt: e.occurredAt, actor: { id: '', role: '' } },
    });
  }
  return state;
}

const ofType = <T>(events: StreamEvent[], type: string) =>
  events.filter((e) => e.type === type).map((e) => e.data as T);

const source = (e: StreamEvent, amountCents: number | null) => ({
  eventId: e.id,
  type: e.type,
  revision: e.revision,
  amountCents,
});

const dayAfterNothing = (fulfilledAt: string) => ({
  awaits: 'nothing' as const,
  onFirstInvoiceIssuedAfter: romeDateOf(fulfilledAt),
  rules: [] as string[],
});

/**
 * IND-12: the `IndemnityAssessed` lines a trigger event closes, computed from the stream up to
 * it (never past it) and the pinned policy. Empty when nothing was late, when a later event voided
 * the trigger, or when the policy sets no figures. Pure: the caller reads and appends.
 */
export function assessmentsFor(
  stream: string,
  events: StreamEvent[],
  trigger: StreamEvent,
  policies: PinnedPolicies,
  idFor: AssessmentIds,
): IndemnityAssessed['data'][] {
  if (!ASSESSMENT_TRIGGERS.has(trigger.type)) return [];
  const upTo = events.filter((e) => e.revision <= trigger.revision);
  if (events.some((e) => e.revision > trigger.revision && VOIDING.has(e.type))) return [];
  switch (trigger.type) {
    case 'ComplaintAnswered':
    case 'ComplaintWithdrawn':
      return complaintAssessments(stream, upTo, trigger, policies, idFor);
    case 'RepairIndemnityAssessed':
      return faultAssessments(stream, upTo, trigger, policies, idFor);
    case 'ActivationIndemnityAssessed':
      return activationAssessments(stream, upTo, trigger, policies, idFor);
    case 'MaintenanceNoticeIndemnityAssessed':
      return maintenanceAssessments(stream, upTo, trigger, policies, idFor);
    case 'DirectoryErrorIndemnityAssessed':
      return directoryAssessments(stream, upTo, trigger, idFor);
    default:
      return [];
  }
}

function complaintAssessments(
  stream: string,
  events: StreamEvent[],
  trigger: StreamEvent,
  policies: PinnedPolicies,
  idFor: AssessmentIds,
): IndemnityAssessed['data'][] {
  const filed = ofType<ComplaintFiled['data']>(events, 'ComplaintFiled')[0];
  if (!filed) return [];
  const policy = policies.complaint(filed.policyVersion);
  if (!policy) return [];
  const state = fold(
    { initial: initialComplaintState, evolve: evolveComplaint as Fold<unknown>['evolve'] },
    events.filter((e) => e.revision < trigger.revision),
  ) as ReturnType<typeof initialComplaintState>;
  if (state.status === 'none') return [];
  const answered = trigger.type === 'ComplaintAnswered';
  const fulfilledAt = new Date(
    answered
      ? (trigger.data as ComplaintAnswered['data']).answeredAt
      : ((trigger.data as ComplaintWithdrawn['data']).withdrawnAt ?? trigger.occurredAt),
  ).toISOString();
  const customerType = filed.customer.customerType;
  const figure = complaintLateIndemnity(
    {
      answerDueAt: state.answerDueAt,
      customerType,
      answeredAt: answered ? fulfilledAt : null,
      withdrawnAt: answered ? null : fulfilledAt,
    },
    policy,
    fulfilledAt,
  );
  if (figure.daysLate === 0 && !state.deadlineMissed) return [];
  const ticket: TicketRef = {
    kind: 'complaint',
    id: filed.complaintId,
    reference: filed.trackingCode,
    stream,
  };
  return [
    assessIndemnity({
      assessmentId: idFor(trigger, 'COMPLAINT_DELAY', null),
      ticket,
      indemnityType: 'COMPLAINT_DELAY',
      party: null,
      subjectId: filed.customer.subjectId,
      operator: filed.operator,
      policyVersion: filed.policyVersion,
      customerType,
      terms: complaintDelayTerms(policy, customerType, state.answerDueAt),
      inputs: {
        dueAt: state.answerDueAt,
        dueDate: figure.dueDate,
        unpausedDueAt: filed.answerDueAt,
        pauses: [],
        announcedDate: null,
        fulfilledAt,
        fulfilment: answered ? 'answered' : 'withdrawn',
      },
      hold: null,
      payout: dayAfterNothing(fulfilledAt),
      source: source(trigger, figure.amountCents),
      currency: 'EUR',
    }),
  ];
}

function lastRepairDeadline(events: StreamEvent[]): RepairDeadline | null {
  let found: RepairDeadline | null = null;
  for (const e of events) {
    const due = (e.data as { repairDue?: RepairDeadline }).repairDue;
    if (due) found = due;
  }
  return found;
}

function faultAssessments(
  stream: string,
  events: StreamEvent[],
  trigger: StreamEvent,
  policies: PinnedPolicies,
  idFor: AssessmentIds,
): IndemnityAssessed['data'][] {
  const reported = ofType<FaultReported['data']>(events, 'FaultReported')[0];
  if (!reported) return [];
  const policy = policies.fault(reported.policyVersion);
  const state = fold(
    { initial: initialFaultState, evolve: evolveFault as Fold<unknown>['evolve'] },
    events.filter((e) => e.revision < trigger.revision) as (StreamEvent & FaultEvent)[],
  ) as ReturnType<typeof initialFaultState>;
  if (!policy || state.status === 'none' || !state.restoration) return [];
  const assessed = trigger.data as RepairIndemnityAssessed['data'];
  const restoration = state.restoration;
  const late = assessed.daysOfDelay > 0 || assessed.amountCents > 0 || state.missedDueAt !== null;
  if (!late) return [];
  const fulfilledAt = restoration.restoredAt;
  const exceptional = assessed.indemnityType === 'EXCEPTIONAL_FAULT';
  let terms = exceptional
    ? exceptionalFaultTerms(policy, state.exceptional, romeDateOf(fulfilledAt))
    : repairDelayTerms(policy, state.customerType, state.term.kind, restoration.repairDueAt);
  if (!terms) return [];
  if (exceptional && terms.count.basis === 'CALENDAR_DAYS_FROM_START')
    terms = { ...terms, count: { ...terms.count, countedFrom: assessed.countedFrom } };
  const dueAt = restoration.repairDueAt;
  return [
    assessIndemnity({
      assessmentId: idFor(trigger, assessed.indemnityType, null),
      ticket: { kind: 'fault', id: reported.faultId, reference: reported.reference, stream },
      indemnityType: assessed.indemnityType,
      party: null,
      subjectId: reported.customer.subjectId,
      operator: reported.operator,
      policyVersion: reported.policyVersion,
      customerType: state.customerType,
      terms,
      inputs: {
        dueAt,
        dueDate: dueAt ? romeDateOf(dueAt) : null,
        unpausedDueAt: lastRepairDeadline(events)?.unpausedDueAt ?? null,
        pauses: state.pauses.map((p) => ({ kind: p.kind, from: p.from, to: p.to })),
        announcedDate: state.exceptional?.announcedResolutionDate ?? null,
        fulfilledAt,
        fulfilment: 'restored',
      },
      hold:
        assessed.status === 'on_hold'
          ? { rule: 'AMB-7', reason: 'A complex fault: a supervisor reviews the indemnity' }
          : null,
      payout: dayAfterNothing(fulfilledAt),
      source: source(trigger, assessed.amountCents),
      currency: 'EUR',
    }),
  ];
}

function activationAssessments(
  stream: string,
  events: StreamEvent[],
  trigger: StreamEvent,
  policies: PinnedPolicies,
  idFor: AssessmentIds,
): IndemnityAssessed['data'][] {
  const requested = ofType<ActivationRequested['data']>(events, 'ActivationRequested')[0];
  if (!requested) return [];
  const policy = policies.activation(requested.policyVersion);
  const state = fold(
    { initial: initialActivationState, evolve: evolveActivation as Fold<unknown>['evolve'] },
    events.filter((e) => e.revision < trigger.revision) as (StreamEvent & ActivationEvent)[],
  ) as ReturnType<typeof initialActivationState>;
  const activated = ofType<ServiceActivated['data']>(events, 'ServiceActivated').at(-1);
  if (!policy || state.status === 'none' || !activated) return [];
  const assessed = trigger.data as ActivationIndemnityAssessed['data'];
  if (assessed.daysOfDelay === 0 && state.missedDueAt === null) return [];
  const credit = assessed.credit;
  let unpausedDueAt: string | null = null;
  for (const e of events) {
    const due = (e.data as { activationDue?: { unpausedDueAt: string | null } }).activationDue;
    if (due) unpausedDueAt = due.unpausedDueAt;
  }
  return [
    assessIndemnity({
      assessmentId: idFor(trigger, 'ACTIVATION_DELAY', null),
      ticket: {
        kind: 'activation',
        id: requested.activationId,
        reference: requested.reference,
        stream,
      },
      indemnityType: 'ACTIVATION_DELAY',
      party: null,
      subjectId: requested.customer.subjectId,
      operator: requested.operator,
      policyVersion: requested.policyVersion,
      customerType: state.customerType,
      terms: activationDelayTerms(policy, {
        customerType: state.customerType,
        requestKind: state.requestKind,
        services: state.services,
        dueAt: activated.activationDueAt,
      }),
      inputs: {
        dueAt: activated.activationDueAt,
        dueDate: activated.dueDate,
        unpausedDueAt,
        pauses: state.pauses.map((p) => ({ kind: p.kind, from: p.from, to: p.to })),
        announcedDate: assessed.announcedDate,
        fulfilledAt: activated.activatedAt,
        fulfilment: 'activated',
      },
      hold: null,
      payout: {
        awaits: credit.awaits,
        onFirstInvoiceIssuedAfter: credit.onFirstInvoiceIssuedAfter ?? assessed.activatedOn,
        rules: [...credit.rules],
      },
      source: source(trigger, credit.amountCents),
      currency: 'EUR',
    }),
  ];
}

function maintenanceAssessments(
  stream: string,
  events: StreamEvent[],
  trigger: StreamEvent,
  policies: PinnedPolicies,
  idFor: AssessmentIds,
): IndemnityAssessed['data'][] {
  const registered = ofType<MaintenanceWindowRegistered['data']>(
    events,
    'MaintenanceWindowRegistered',
  )[0];
  const ended = ofType<MaintenanceEnded['data']>(events, 'MaintenanceEnded').at(-1);
  if (!registered || !ended) return [];
  const policy = policies.maintenance(registered.policyVersion);
  const assessed = trigger.data as MaintenanceNoticeIndemnityAssessed['data'];
  // Lines known by count only have no customer to credit: the window's detail shows them.
  if (!policy || !assessed.lines) return [];
  return assessed.lines.map((line, i) => {
    const party = `line-${i}`;
    return assessIndemnity({
      assessmentId: idFor(trigger, 'MAINTENANCE_NOTICE', party),
      ticket: {
        kind: 'maintenance-window',
        id: registered.windowId,
        reference: registered.reference,
        stream,
      },
      indemnityType: 'MAINTENANCE_NOTICE',
      party,
      subjectId: line.subjectId,
      operator: registered.operator,
      policyVersion: registered.policyVersion,
      customerType: line.customerType,
      terms: maintenanceNoticeTerms(policy, line.customerType, ended.startedAt),
      inputs: {
        dueAt: null,
        dueDate: null,
        unpausedDueAt: null,
        pauses: [],
        announcedDate: null,
        fulfilledAt: ended.endedAt,
        fulfilment: 'ended',
      },
      hold: null,
      payout: dayAfterNothing(ended.endedAt),
      source: source(trigger, line.amountCents),
      currency: 'EUR',
    });
  });
}

function directoryAssessments(
  stream: string,
  events: StreamEvent[],
  trigger: StreamEvent,
  idFor: AssessmentIds,
): IndemnityAssessed['data'][] {
  const reported = ofType<DirectoryErrorReported['data']>(events, 'DirectoryErrorReported')[0];
  if (!reported) return [];
  const assessed = trigger.data as DirectoryErrorIndemnityAssessed['data'];
  const decided = ofType<DirectoryErrorAttributionDecided['data']>(
    events,
    'DirectoryErrorAttributionDecided',
  ).at(-1);
  const fulfilledAt = decided?.decidedAt ?? trigger.occurredAt;
  return [
    assessIndemnity({
      assessmentId: idFor(trigger, 'DIRECTORY_ERROR', null),
      ticket: {
        kind: 'directory-error',
        id: reported.errorId,
        reference: reported.reference,
        stream,
      },
      indemnityType: 'DIRECTORY_ERROR',
      party: null,
      subjectId: reported.customer.subjectId,
      operator: reported.operator,
      policyVersion: reported.policyVersion,
      customerType: assessed.customerType,
      terms: directoryErrorTerms(assessed),
      inputs: {
        dueAt: null,
        dueDate: null,
        unpausedDueAt: null,
        pauses: [],
        announcedDate: null,
        fulfilledAt,
        fulfilment: 'attributed',
      },
      hold: null,
      payout: dayAfterNothing(fulfilledAt),
      source: source(trigger, assessed.creditedCents),
      currency: 'EUR',
    }),
  ];
}
