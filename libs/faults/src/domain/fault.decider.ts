import { ConflictingState, DecisionContext, Decider, RuleViolation } from '@sportello/decider';
import {
  addDays,
  daysOfDelayAfterDate,
  daysOfDelayAfterInstant,
  endOfRomeDay,
  romeDateOf,
} from '@sportello/sla';
import {
  CloseFault,
  FaultCommand,
  LinkFaultToIncident,
  MarkFaultComplex,
  PauseRepairClock,
  RecordRemoteIntervention,
  RecordRepairDeadlineMissed,
  RecordTechnicianVisit,
  ReopenFault,
  ReportFault,
  RestoreService,
  ResumeRepairClock,
  ReviewComplexFaultIndemnity,
  ScheduleTechnicianVisit,
  UpdateExceptionalFault,
} from './fault.commands';
import {
  ExceptionalFault,
  FaultEvent,
  RecordedPause,
  RepairDeadline,
  RepairRegime,
  ServiceRestored,
} from './fault.events';
import { FaultState, ReportedFault, evolveFault, initialFaultState } from './fault.state';
import { repairDeadline, repairTermOf, unpausedMs } from './repair-deadline';
import { assessRepairIndemnity } from './repair-indemnity';
import {
  calendarDate,
  deadlineOf,
  inStatus,
  instant,
  isSupervisor,
  iso,
  missedBy,
  ms,
  pinned,
  reported,
  text,
  within,
} from './fault-guards';

function reportFault(
  command: ReportFault,
  state: FaultState,
  { now }: DecisionContext,
): FaultEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This fault was already reported', { status: state.status });
  const reportedAt = instant(command.reportedAt, 'reportedAt', 'FLT-1');
  if (ms(reportedAt) > ms(now))
    throw new RuleViolation('FLT-1', 'reportedAt cannot be in the future', {
      field: 'reportedAt',
    });
  text(command.reference, 'reference', 'FLT-1', 'The fault needs its reference');
  text(command.lineId, 'lineId', 'FLT-1', 'The line at fault is required');
  text(command.service, 'service', 'FLT-1', 'The service at fault is required');
  text(command.description, 'description', 'FLT-1', 'The fault needs a description');
  const term = repairTermOf(command.policy);
  const repairDue = repairDeadline(term, reportedAt, [], 'STANDARD');
  const events: FaultEvent[] = [
    {
      type: 'FaultReported',
      data: {
        faultId: command.faultId,
        reference: command.reference,
        operator: command.policy.operator,
        policyVersion: command.policy.version,
        customer: command.customer,
        lineId: command.lineId,
        service: command.service,
        channel: command.channel,
        description: command.description,
        reportedAt,
        term,
        repairDueAt: repairDue.dueAt,
        repairDue,
      },
    },
  ];
  // A fault reported long after it was received may be late already.
  if (repairDue.dueAt && ms(repairDue.dueAt) < ms(now)) {
    events.push({
      type: 'RepairDeadlineMissed',
      data: {
        faultId: command.faultId,
        subjectId: command.customer.subjectId,
        repairDueAt: repairDue.dueAt,
      },
    });
  }
  return events;
}

function recordRemoteIntervention(
  command: RecordRemoteIntervention,
  state: FaultState,
  context: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'given a remote intervention');
  const performedAt = instant(command.performedAt, 'performedAt', 'AMB-6');
  within(performedAt, 'performedAt', 'AMB-6', fault, context.now);
  if (fault.remoteInterventions.includes(command.interventionId))
    throw new ConflictingState('This remote intervention was already recorded');
  return [
    {
      type: 'RemoteInterventionRecorded',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        interventionId: command.interventionId,
        performedAt,
        performedBy: context.actor.id,
        outcome: command.outcome,
        first: fault.remoteInterventions.length === 0,
        notes: command.notes,
      },
    },
  ];
}

function scheduleTechnicianVisit(
  command: ScheduleTechnicianVisit,
  state: FaultState,
  context: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'given a technician visit');
  pinned(fault, command.policy);
  if (command.policy.repair.remoteFirst && fault.remoteInterventions.length === 0) {
    throw new RuleViolation(
      command.policy.repair.rule,
      'A remote intervention comes first; a technician visits only if it did not solve the fault',
      { field: 'visitId' },
    );
  }
  const scheduledFor = instant(command.scheduledFor, 'scheduledFor', 'AMB-6');
  if (ms(scheduledFor) < ms(fault.reportedAt))
    throw new RuleViolation('AMB-6', 'A visit cannot precede the fault report', {
      field: 'scheduledFor',
    });
  if (fault.visits[command.visitId])
    throw new ConflictingState('This technician visit was already scheduled');
  return [
    {
      type: 'TechnicianVisitScheduled',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        visitId: command.visitId,
        scheduledFor,
        scheduledBy: context.actor.id,
      },
    },
  ];
}

function recordTechnicianVisit(
  command: RecordTechnicianVisit,
  state: FaultState,
  { now }: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'given a technician visit');
  pinned(fault, command.policy);
  const visit = fault.visits[command.visitId];
  if (visit !== 'scheduled') {
    throw new ConflictingState(
      visit === 'done' ? 'This visit was already recorded' : 'This visit was never scheduled',
      { visitId: command.visitId },
    );
  }
  const visitedAt = instant(command.visitedAt, 'visitedAt', 'AMB-6');
  within(visitedAt, 'visitedAt', 'AMB-6', fault, now);
  const badgeId = text(
    command.badgeId,
    'badgeId',
    'SUP-6',
    "An on-site visit records the technician's identification badge",
  );
  if (command.onSitePayment !== null && command.policy.onSitePaymentsAllowed !== true) {
    throw new RuleViolation(
      'SUP-5',
      'No payment is ever taken on site for a fault: the cost goes on the first invoice after the intervention (FLT-5)',
      { field: 'onSitePayment' },
    );
  }
  const cost = command.interventionCostCents;
  if (cost !== null && (!Number.isInteger(cost) || cost < 0)) {
    throw new RuleViolation('FLT-5', 'An intervention cost is a whole number of cents ≥ 0', {
      field: 'interventionCostCents',
    });
  }
  return [
    {
      type: 'TechnicianVisitDone',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        visitId: command.visitId,
        visitedAt,
        badgeId,
        outcome: command.outcome,
        notes: command.notes,
        interventionCost: cost
          ? { amountCents: cost, currency: 'EUR', on: 'first_invoice_after_intervention' }
          : null,
      },
    },
  ];
}

function pauseRepairClock(
  command: PauseRepairClock,
  state: FaultState,
  context: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'paused');
  pinned(fault, command.policy);
  const { now } = context;
  if (fault.pauses.some((p) => p.pauseId === command.pauseId))
    throw new ConflictingState('This pause was already recorded', { pauseId: command.pauseId });
  if (!command.policy.pause.allowedKinds.includes(command.kind)) {
    throw new RuleViolation('CAL-8', `The policy allows no ${command.kind} pause`, {
      field: 'kind',
    });
  }
  const reason = text(command.reason, 'reason', 'CAL-8', 'A pause needs its reason');
  const evidenceRef = command.evidenceRef?.trim() || null;
  if (command.kind === 'FORCE_MAJEURE' && !evidenceRef) {
    throw new RuleViolation('CAL-8', 'A force-majeure pause needs an evidence reference', {
      field: 'evidenceRef',
    });
  }
  const from = instant(command.from, 'from', 'CAL-8');
  within(from, 'from', 'CAL-8', fault, now);
  const to = command.to === null ? null : instant(command.to, 'to', 'CAL-8');
  if (to !== null) {
    within(to, 'to', 'CAL-8', fault, now);
    if (ms(to) <= ms(from))
      throw new RuleViolation('CAL-8', 'A pause must end after it starts', { field: 'to' });
  } else if (fault.pauses.some((p) => p.to === null)) {
    throw new ConflictingState('The repair clock is already paused: resume it first');
  }

  const events: FaultEvent[] = [];
  const missed = fault.repairDueAt !== null && ms(now) > ms(fault.repairDueAt);
  if (missed) {
    const approval = command.approval?.reason.trim();
    if (!isSupervisor(context) || !approval) {
      throw new RuleViolation(
        'CAL-8',
        "A pause recorded after the repair deadline was missed needs a supervisor's approval",
        { field: 'approval' },
      );
    }
    events.push({
      type: 'LatePauseApproved',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        pauseId: command.pauseId,
        approvedBy: context.actor.id,
        reason: approval,
        missedDueAt: fault.repairDueAt as string,
      },
    });
  }
  const pause: RecordedPause = {
    pauseId: command.pauseId,
    kind: command.kind,
    reason,
    evidenceRef,
    from,
    to,
    recordedBy: context.actor.id,
  };
  const repairDue = deadlineOf(fault, [...fault.pauses, pause], fault.regime);
  events.push({
    type: 'RepairClockPaused',
    data: {
      faultId: fault.faultId,
      subjectId: fault.subjectId,
      pause,
      previousRepairDueAt: fault.repairDueAt,
      repairDueAt: repairDue.dueAt,
      repairDue,
    },
  });
  return [...events, ...missedBy(fault, repairDue.dueAt, now)];
}

function resumeEvent(
  fault: ReportedFault,
  pauseId: string,
  resumedAt: string,
  recordedBy: string,
): { event: FaultEvent; pauses: RecordedPause[]; repairDue: RepairDeadline } {
  const pauses = fault.pauses.map((p) => (p.pauseId === pauseId ? { ...p, to: resumedAt } : p));
  const repairDue = deadlineOf(fault, pauses, fault.regime);
  return {
    pauses,
    repairDue,
    event: {
      type: 'RepairClockResumed',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        pauseId,
        resumedAt,
        recordedBy,
        previousRepairDueAt: fault.repairDueAt,
        repairDueAt: repairDue.dueAt,
        repairDue,
      },
    },
  };
}

function resumeRepairClock(
  command: ResumeRepairClock,
  state: FaultState,
  context: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'resumed');
  const pause = fault.pauses.find((p) => p.pauseId === command.pauseId);
  if (!pause || pause.to !== null)
    throw new ConflictingState('No such pause is running', { pauseId: command.pauseId });
  const resumedAt = instant(command.resumedAt, 'resumedAt', 'CAL-8');
  within(resumedAt, 'resumedAt', 'CAL-8', fault, context.now);
  if (ms(resumedAt) < ms(pause.from))
    throw new RuleViolation('CAL-8', 'A pause cannot end before it starts', {
      field: 'resumedAt',
    });
  const { event, repairDue } = resumeEvent(fault, pause.pauseId, resumedAt, context.actor.id);
  return [event, ...missedBy(fault, repairDue.dueAt, context.now)];
}

function exceptionalFrom(
  forceMajeure: MarkFaultComplex['forceMajeure'],
  announced: string | null,
): ExceptionalFault {
  if (!forceMajeure)
    throw new RuleViolation('FLT-10', 'An exceptional widespread fault follows a force majeure', {
      field: 'forceMajeure',
    });
  const from = calendarDate(forceMajeure.from, 'forceMajeure.from', 'FLT-10');
  const endedOn =
    forceMajeure.endedOn === null
      ? null
      : calendarDate(forceMajeure.endedOn, 'forceMajeure.endedOn', 'FLT-10');
  if (endedOn !== null && endedOn < from)
    throw new RuleViolation('FLT-10', 'The force majeure cannot end before it starts', {
      field: 'forceMajeure.endedOn',
    });
  const evidenceRef = text(
    forceMajeure.evidenceRef,
    'forceMajeure.evidenceRef',
    'CAL-8',
    'Force majeure needs an evidence reference',
  );
  return {
    forceMajeure: { from, endedOn, evidenceRef },
    announcedResolutionDate:
      announced === null ? null : calendarDate(announced, 'announcedResolutionDate', 'AMB-13'),
  };
}

function markFaultComplex(
  command: MarkFaultComplex,
  state: FaultState,
  context: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'marked complex', ['open', 'restored']);
  const { policy } = command;
  pinned(fault, policy);
  const exceptionalRegime = command.complexity === 'EXCEPTIONAL_WIDESPREAD';
  const rule = exceptionalRegime
    ? 'FLT-10'
    : policy.complexity.complex === 'REVIEW_ONLY'
      ? 'AMB-7'
      : 'FLT-8';
  if (!isSupervisor(context))
    throw new RuleViolation(rule, 'Only a supervisor may mark a fault as complex', {
      field: 'complexity',
    });
  if (fault.complexity !== null)
    throw new ConflictingState('The fault was already marked complex', {
      complexity: fault.complexity,
    });
  const reasons = command.reasons.map((r) => r.trim()).filter((r) => r.length > 0);
  if (reasons.length === 0)
    throw new RuleViolation(rule, 'Marking a fault complex needs its reasons', {
      field: 'reasons',
    });
  if (exceptionalRegime && policy.complexity.exceptionalWidespread === null) {
    throw new RuleViolation(
      'FLT-10',
      `The ${fault.operator} policy has no regime for exceptional widespread faults`,
      { field: 'complexity' },
    );
  }
  const exceptional = exceptionalRegime
    ? exceptionalFrom(command.forceMajeure, command.announcedResolutionDate)
    : null;
  const regime: RepairRegime = exceptionalRegime
    ? 'EXCEPTIONAL_WIDESPREAD'
    : policy.complexity.complex === 'REVIEW_ONLY'
      ? 'COMPLEX_UNDER_REVIEW'
      : 'NO_FIXED_TERM';
  const repairDue = deadlineOf(fault, fault.pauses, regime);
  return [
    {
      type: 'FaultMarkedComplex',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        complexity: command.complexity,
        reasons,
        markedBy: context.actor.id,
        regime,
        rule,
        clause: policy.complexity.clause,
        indemnityOnHold: regime === 'COMPLEX_UNDER_REVIEW',
        statusPublicationRequired: policy.complexity.publishStatus,
        exceptional,
        previousRepairDueAt: fault.repairDueAt,
        repairDueAt: repairDue.dueAt,
        repairDue,
      },
    },
  ];
}

function updateExceptionalFault(command: UpdateExceptionalFault, state: FaultState): FaultEvent[] {
  const fault = inStatus(state, 'updated', ['open', 'restored']);
  if (fault.regime !== 'EXCEPTIONAL_WIDESPREAD' || !fault.exceptional)
    throw new ConflictingState('The fault is not an exceptional widespread fault', {
      regime: fault.regime,
    });
  const current = fault.exceptional;
  const exceptional = exceptionalFrom(
    {
      ...current.forceMajeure,
      endedOn: command.forceMajeureEndedOn ?? current.forceMajeure.endedOn,
    },
    command.announcedResolutionDate ?? current.announcedResolutionDate,
  );
  return [
    {
      type: 'ExceptionalFaultUpdated',
      data: { faultId: fault.faultId, subjectId: fault.subjectId, exceptional },
    },
  ];
}

function reviewComplexFaultIndemnity(
  command: ReviewComplexFaultIndemnity,
  state: FaultState,
  context: DecisionContext,
): FaultEvent[] {
  const fault = reported(state);
  if (!isSupervisor(context))
    throw new RuleViolation('AMB-7', 'Only a supervisor reviews a held indemnity', {
      field: 'decision',
    });
  const reason = text(command.reason, 'reason', 'AMB-7', 'A review states its reason');
  if (fault.indemnity?.status !== 'on_hold')
    throw new ConflictingState('No indemnity of this fault is on hold for review', {
      indemnity: fault.indemnity?.status ?? null,
    });
  return [
    {
      type: 'ComplexFaultIndemnityReviewed',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        decision: command.decision,
        reason,
        reviewedBy: context.actor.id,
        amountCents: fault.indemnity.amountCents,
      },
    },
  ];
}

function linkFaultToIncident(command: LinkFaultToIncident, state: FaultState): FaultEvent[] {
  const fault = inStatus(state, 'linked to an incident', ['open', 'restored']);
  const incidentId = text(command.incidentId, 'incidentId', 'FLT-9', 'The incident is required');
  if (fault.incidents.includes(incidentId)) return [];
  return [
    {
      type: 'FaultLinkedToIncident',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        incidentId,
        repairDueAt: fault.repairDueAt,
      },
    },
  ];
}

function recordRepairDeadlineMissed(
  command: RecordRepairDeadlineMissed,
  state: FaultState,
  { now }: DecisionContext,
): FaultEvent[] {
  if (state.status !== 'open' || state.repairDueAt === null) return [];
  // A timer may fire late, twice or for a deadline that a pause has since moved.
  if (ms(command.repairDueAt) !== ms(state.repairDueAt)) return [];
  return missedBy(state, state.repairDueAt, now);
}

function restoreService(
  command: RestoreService,
  state: FaultState,
  context: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'restored');
  const restoredAt = instant(command.restoredAt, 'restoredAt', 'AMB-6');
  within(restoredAt, 'restoredAt', 'AMB-6', fault, context.now);
  const clash = fault.pauses.some((p) =>
    p.to === null ? ms(p.from) > ms(restoredAt) : ms(p.to) > ms(restoredAt),
  );
  if (clash) {
    throw new RuleViolation(
      'CAL-8',
      'The service cannot be restored before a recorded pause ends',
      {
        field: 'restoredAt',
      },
    );
  }
  const events: FaultEvent[] = [];
  let pauses = fault.pauses;
  let repairDue = deadlineOf(fault, pauses, fault.regime);
  const running = pauses.find((p) => p.to === null);
  if (running) {
    // Restoring the service ends the pause that was running.
    const resumed = resumeEvent(fault, running.pauseId, restoredAt, context.actor.id);
    events.push(resumed.event);
    ({ pauses, repairDue } = resumed);
  }
  const dueAt = repairDue.dueAt;
  const late = dueAt !== null && ms(restoredAt) > ms(dueAt);
  if (late) events.push(...missedBy(fault, dueAt, restoredAt));
  let delay: ServiceRestored['data']['delay'] = null;
  if (dueAt !== null) {
    const elapsed = fault.term.kind === 'ELAPSED_HOURS';
    delay = {
      rule: 'CAL-7',
      basis: elapsed ? 'STARTED_24_HOUR_PERIODS' : 'CALENDAR_DAYS_AFTER_DUE_DATE',
      days: elapsed
        ? daysOfDelayAfterInstant(dueAt, restoredAt)
        : daysOfDelayAfterDate(romeDateOf(dueAt), restoredAt),
      latenessMs: Math.max(0, ms(restoredAt) - ms(dueAt)),
    };
  }
  events.push({
    type: 'ServiceRestored',
    data: {
      faultId: fault.faultId,
      subjectId: fault.subjectId,
      restoredAt,
      regime: fault.regime,
      repairDueAt: dueAt,
      onTime: dueAt === null ? null : !late,
      delay,
      repairTime: {
        elapsedMs: ms(restoredAt) - ms(fault.reportedAt),
        netOfPausesMs: unpausedMs(fault.reportedAt, restoredAt, pauses),
      },
    },
  });
  return events;
}

function closeFault(
  command: CloseFault,
  state: FaultState,
  { now }: DecisionContext,
): FaultEvent[] {
  const fault = reported(state);
  if (fault.status === 'closed') return [];
  const { policy } = command;
  pinned(fault, policy);
  const closed: FaultEvent = {
    type: 'FaultClosed',
    data: {
      faultId: fault.faultId,
      subjectId: fault.subjectId,
      outcome: command.outcome,
      finding: command.finding?.trim() || null,
      closedAt: iso(ms(now)),
    },
  };
  if (command.outcome === 'out_of_scope') {
    text(
      command.finding,
      'finding',
      policy.scope.rule,
      `Out of scope needs where the fault lies (${policy.scope.description})`,
    );
    return [closed];
  }
  if (fault.status !== 'restored' || !fault.restoration) {
    throw new ConflictingState(
      'A fault is closed as repaired only once the service is restored',
      { status: fault.status },
      'AMB-6',
    );
  }
  const assessment = assessRepairIndemnity(
    policy,
    fault.customerType,
    fault.regime,
    fault.restoration,
    fault.exceptional,
  );
  const events: FaultEvent[] = [
    {
      type: 'RepairIndemnityAssessed',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        policyVersion: fault.policyVersion,
        ...assessment,
      },
    },
  ];
  const beyond = policy.indemnity.repairDelay.supplementaryAssessmentBeyondDays;
  if (
    assessment.indemnityType === 'REPAIR_DELAY' &&
    beyond !== null &&
    assessment.daysOfDelay > beyond
  ) {
    events.push({
      type: 'SupplementaryIndemnityAssessmentRequested',
      data: {
        faultId: fault.faultId,
        subjectId: fault.subjectId,
        daysOfDelay: assessment.daysOfDelay,
        capDays: beyond,
      },
    });
  }
  return [...events, closed];
}

function reopenFault(
  command: ReopenFault,
  state: FaultState,
  { now }: DecisionContext,
): FaultEvent[] {
  const fault = inStatus(state, 'reopened', ['closed']);
  pinned(fault, command.policy);
  const windowDays = command.policy.reopenWindowDays;
  const closedAt = fault.closedAt as string;
  if (windowDays === null) {
    throw new ConflictingState('The policy sets no reopen window: report a new fault', {
      reopenWindowDays: null,
    });
  }
  const lastDay = addDays(romeDateOf(closedAt), windowDays);
  if (ms(now) > endOfRomeDay(lastDay)) {
    throw new ConflictingState(`The reopen window ended on ${lastDay}: report a new fault`, {
      reopenWindowDays: windowDays,
      closedAt,
    });
  }
  const reopened: FaultEvent = {
    type: 'FaultReopened',
    data: {
      faultId: fault.faultId,
      subjectId: fault.subjectId,
      reopenedAt: iso(ms(now)),
      reason: command.reason,
      previousRestoredAt: fault.restoration?.restoredAt ?? null,
      repairDueAt: fault.repairDueAt,
    },
  };
  return [reopened, ...missedBy(fault, fault.repairDueAt, now)];
}

export const faultDecider: Decider<FaultCommand, FaultEvent, FaultState> = {
  initialState: initialFaultState,
  evolve: evolveFault,
  // Notices sent to the customer (NTF-7) are recorded on the fault but change none of its rules.
  annotations: [
    'CustomerNotified',
    // IND-12: the indemnity ledger's lines, appended by its reactor and by supervisors.
    'IndemnityAssessed',
    'IndemnityCredited',
    'SupplementaryIndemnityDecided',
  ],
  decide(command, state, context) {
    switch (command.type) {
      case 'ReportFault':
        return reportFault(command, state, context);
      case 'RecordRemoteIntervention':
        return recordRemoteIntervention(command, state, context);
      case 'ScheduleTechnicianVisit':
        return scheduleTechnicianVisit(command, state, context);
      case 'RecordTechnicianVisit':
        return recordTechnicianVisit(command, state, context);
      case 'PauseRepairClock':
        return pauseRepairClock(command, state, context);
      case 'ResumeRepairClock':
        return resumeRepairClock(command, state, context);
      case 'MarkFaultComplex':
        return markFaultComplex(command, state, context);
      case 'UpdateExceptionalFault':
        return updateExceptionalFault(command, state);
      case 'ReviewComplexFaultIndemnity':
        return reviewComplexFaultIndemnity(command, state, context);
      case 'LinkFaultToIncident':
        return linkFaultToIncident(command, state);
      case 'RecordRepairDeadlineMissed':
        return recordRepairDeadlineMissed(command, state, context);
      case 'RestoreService':
        return restoreService(command, state, context);
      case 'CloseFault':
        return closeFault(command, state, context);
      case 'ReopenFault':
        return reopenFault(command, state, context);
    }
  },
};
