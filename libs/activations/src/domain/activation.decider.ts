import { ConflictingState, DecisionContext, Decider, RuleViolation } from '@sportello/decider';
import { daysOfDelayAfterDate, romeDateOf } from '@sportello/sla';
import {
  ActivateService,
  ActivationCommand,
  CancelActivationRequest,
  NotifyActivationDelay,
  PauseActivationClock,
  RecordActivationDeadlineMissed,
  RecordIndemnityClaim,
  RecordTechnicalCheck,
  RequestActivation,
  ResumeActivationClock,
} from './activation.commands';
import {
  ACTIVATION_SERVICES,
  ActivationDeadline,
  ActivationEvent,
  NOTICE_CHANNELS,
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  RecordedPause,
} from './activation.events';
import { ActivationPolicy } from './activation.policy';
import {
  ActivationState,
  RequestedActivation,
  evolveActivation,
  initialActivationState,
} from './activation.state';
import { activationDeadline, activationTermOf } from './activation-deadline';
import { assessActivationIndemnity, delayRateOf } from './activation-indemnity';
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
  text,
  within,
} from './activation-guards';

function termDays(value: number | null, field: string, ruleId: string): number {
  if (value === null || !Number.isInteger(value) || value < 1)
    throw new RuleViolation(ruleId, `${field} must be a whole number of days ≥ 1`, { field });
  return value;
}

function checkTermInputs(command: RequestActivation): void {
  const { policy } = command;
  const rule = policy.activation.rule;
  if (!REQUEST_KINDS.includes(command.requestKind))
    throw new RuleViolation(rule, 'requestKind is activation or relocation', {
      field: 'requestKind',
    });
  const services = command.services ?? [];
  if (services.length === 0 || services.some((s) => !ACTIVATION_SERVICES.includes(s)))
    throw new RuleViolation(rule, `services lists one or more of ${ACTIVATION_SERVICES}`, {
      field: 'services',
    });
  if (!REQUEST_CHANNELS.includes(command.channel))
    throw new RuleViolation(rule, `channel is one of ${REQUEST_CHANNELS}`, { field: 'channel' });
  const formTerm = command.relocationFormTermDays;
  const formNeeded = command.requestKind === 'relocation' && policy.relocation.termDays === null;
  if (formNeeded) {
    // AMB-8: the policy has no relocation figure; the term of the relocation form is recorded.
    termDays(formTerm, 'relocationFormTermDays', 'AMB-8');
  } else if (formTerm !== null && formTerm !== undefined) {
    throw new RuleViolation(
      command.requestKind === 'relocation' ? policy.relocation.rule : rule,
      command.requestKind === 'relocation'
        ? 'The policy sets the relocation term; no form term is recorded'
        : 'A relocation-form term belongs to relocation requests only',
      { field: 'relocationFormTermDays' },
    );
  }
}

function requestActivation(
  command: RequestActivation,
  state: ActivationState,
  { now }: DecisionContext,
): ActivationEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This request was already recorded', { status: state.status });
  const { policy } = command;
  const receivedAt = instant(command.receivedAt, 'receivedAt', policy.activation.rule);
  if (ms(receivedAt) > ms(now))
    throw new RuleViolation(policy.activation.rule, 'receivedAt cannot be in the future', {
      field: 'receivedAt',
    });
  checkTermInputs(command);
  const term = activationTermOf(policy, command);
  const activationDue = activationDeadline({
    term,
    receivedAt,
    technicalCheck: null,
    pauses: [],
    announced: null,
  });
  const subjectId = command.customer.subjectId;
  const events: ActivationEvent[] = [
    {
      type: 'ActivationRequested',
      data: {
        activationId: command.activationId,
        reference: command.reference,
        operator: policy.operator,
        policyVersion: policy.version,
        customer: command.customer,
        requestKind: command.requestKind,
        services: [...command.services],
        access: command.access ?? null,
        lineId: command.lineId?.trim() || null,
        address: command.address?.trim() || null,
        channel: command.channel,
        receivedAt,
        term,
        activationDueAt: activationDue.dueAt,
        activationDue,
      },
    },
  ];
  // A request entered long after it was received may be late already.
  if (activationDue.dueAt && ms(activationDue.dueAt) < ms(now)) {
    events.push({
      type: 'ActivationDeadlineMissed',
      data: { activationId: command.activationId, subjectId, activationDueAt: activationDue.dueAt },
    });
  }
  return events;
}

function recordTechnicalCheck(
  command: RecordTechnicalCheck,
  state: ActivationState,
  context: DecisionContext,
): ActivationEvent[] {
  const request = inStatus(state, 'given a technical check');
  pinned(request, command.policy);
  if (request.technicalCheck)
    throw new ConflictingState('The technical check was already recorded', {
      outcome: request.technicalCheck.outcome,
    });
  const ruleId = request.term.technicalCheck?.rule ?? request.term.rule;
  const checkedAt = instant(command.checkedAt, 'checkedAt', ruleId);
  within(checkedAt, 'checkedAt', ruleId, request, context.now);
  const negative = command.outcome === 'negative';
  if (!negative && command.outcome !== 'positive')
    throw new RuleViolation(ruleId, 'outcome is positive or negative', { field: 'outcome' });
  const reason = negative
    ? text(
        command.reason,
        'reason',
        request.requestKind === 'relocation' ? 'ACT-7' : 'AMB-8',
        'A negative technical check states its reason, told to the customer',
      )
    : command.reason?.trim() || null;
  const technicalCheck = { outcome: command.outcome, checkedAt };
  const activationDue = deadlineOf(request, { technicalCheck });
  const checkDue = activationDue.technicalCheckDue;
  return [
    {
      type: 'TechnicalCheckRecorded',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        outcome: command.outcome,
        checkedAt,
        reason,
        recordedBy: context.actor.id,
        checkDueAt: checkDue?.dueAt ?? null,
        checkOnTime: checkDue ? ms(checkedAt) <= ms(checkDue.dueAt) : null,
        customerToBeInformed: negative,
        previousActivationDueAt: request.activationDueAt,
        activationDueAt: activationDue.dueAt,
        activationDue,
      },
    },
    ...missedBy(request, activationDue.dueAt, context.now),
  ];
}

function pauseActivationClock(
  command: PauseActivationClock,
  state: ActivationState,
  context: DecisionContext,
): ActivationEvent[] {
  const request = inStatus(state, 'paused');
  pinned(request, command.policy);
  const { now } = context;
  if (request.pauses.some((p) => p.pauseId === command.pauseId))
    throw new ConflictingState('This pause was already recorded', { pauseId: command.pauseId });
  if (!command.policy.pause.allowedKinds.includes(command.kind))
    throw new RuleViolation('CAL-8', `The policy allows no ${command.kind} pause`, {
      field: 'kind',
    });
  const reason = text(command.reason, 'reason', 'CAL-8', 'A pause needs its reason');
  const evidenceRef = command.evidenceRef?.trim() || null;
  if (command.kind === 'FORCE_MAJEURE' && !evidenceRef)
    throw new RuleViolation('CAL-8', 'A force-majeure pause needs an evidence reference', {
      field: 'evidenceRef',
    });
  const from = instant(command.from, 'from', 'CAL-8');
  within(from, 'from', 'CAL-8', request, now);
  const to = command.to === null ? null : instant(command.to, 'to', 'CAL-8');
  if (to !== null) {
    within(to, 'to', 'CAL-8', request, now);
    if (ms(to) <= ms(from))
      throw new RuleViolation('CAL-8', 'A pause must end after it starts', { field: 'to' });
  } else if (request.pauses.some((p) => p.to === null)) {
    throw new ConflictingState('The activation clock is already paused: resume it first');
  }
  const events: ActivationEvent[] = [];
  if (request.activationDueAt !== null && ms(now) > ms(request.activationDueAt)) {
    const approval = command.approval?.reason?.trim();
    if (!isSupervisor(context) || !approval)
      throw new RuleViolation(
        'CAL-8',
        "A pause recorded after the activation deadline was missed needs a supervisor's approval",
        { field: 'approval' },
      );
    events.push({
      type: 'ActivationLatePauseApproved',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        pauseId: command.pauseId,
        approvedBy: context.actor.id,
        reason: approval,
        missedDueAt: request.activationDueAt,
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
  const activationDue = deadlineOf(request, { pauses: [...request.pauses, pause] });
  events.push({
    type: 'ActivationClockPaused',
    data: {
      activationId: request.activationId,
      subjectId: request.subjectId,
      pause,
      previousActivationDueAt: request.activationDueAt,
      activationDueAt: activationDue.dueAt,
      activationDue,
    },
  });
  return [...events, ...missedBy(request, activationDue.dueAt, now)];
}

function resumeEvent(
  request: RequestedActivation,
  pauseId: string,
  resumedAt: string,
  recordedBy: string,
): { event: ActivationEvent; activationDue: ActivationDeadline } {
  const pauses = request.pauses.map((p) => (p.pauseId === pauseId ? { ...p, to: resumedAt } : p));
  const activationDue = deadlineOf(request, { pauses });
  return {
    activationDue,
    event: {
      type: 'ActivationClockResumed',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        pauseId,
        resumedAt,
        recordedBy,
        previousActivationDueAt: request.activationDueAt,
        activationDueAt: activationDue.dueAt,
        activationDue,
      },
    },
  };
}

function resumeActivationClock(
  command: ResumeActivationClock,
  state: ActivationState,
  context: DecisionContext,
): ActivationEvent[] {
  const request = inStatus(state, 'resumed');
  const pause = request.pauses.find((p) => p.pauseId === command.pauseId);
  if (!pause || pause.to !== null)
    throw new ConflictingState('No such pause is running', { pauseId: command.pauseId });
  const resumedAt = instant(command.resumedAt, 'resumedAt', 'CAL-8');
  within(resumedAt, 'resumedAt', 'CAL-8', request, context.now);
  if (ms(resumedAt) < ms(pause.from))
    throw new RuleViolation('CAL-8', 'A pause cannot end before it starts', {
      field: 'resumedAt',
    });
  const { event, activationDue } = resumeEvent(request, pause.pauseId, resumedAt, context.actor.id);
  return [event, ...missedBy(request, activationDue.dueAt, context.now)];
}

function exemptionOf(
  policy: ActivationPolicy,
  request: RequestedActivation,
  informedAt: string,
  newDate: string | null,
): { applies: boolean; because: string } {
  const informed = policy.informedDelay;
  const due = request.activationDueAt;
  if (!informed.exempts)
    return {
      applies: false,
      because: `The policy does not exempt informed delays (${informed.clause}): the indemnity still runs from the term`,
    };
  if (newDate === null) return { applies: false, because: 'No new activation date was stated' };
  if (due !== null && ms(informedAt) > ms(due))
    return { applies: false, because: `The customer was informed after the deadline (${due})` };
  if (due !== null && newDate <= romeDateOf(due))
    return {
      applies: false,
      because: `The announced date is not later than the deadline (${romeDateOf(due)})`,
    };
  return {
    applies: true,
    because: `Informed in time: no indemnity up to the end of ${newDate} (${informed.clause})`,
  };
}

function notifyActivationDelay(
  command: NotifyActivationDelay,
  state: ActivationState,
  context: DecisionContext,
): ActivationEvent[] {
  const request = inStatus(state, 'given a delay notice');
  const { policy } = command;
  pinned(request, policy);
  const rule = policy.informedDelay.rule;
  if (request.notices.includes(command.noticeId))
    throw new ConflictingState('This notice was already recorded', { noticeId: command.noticeId });
  const informedAt = instant(command.informedAt, 'informedAt', rule);
  within(informedAt, 'informedAt', rule, request, context.now);
  if (!NOTICE_CHANNELS.includes(command.channel))
    throw new RuleViolation('NTF-3', `channel is one of ${NOTICE_CHANNELS}`, { field: 'channel' });
  const reason = text(command.reason, 'reason', rule, 'A delay notice states its reasons');
  const newDate =
    command.newActivationDate === null || command.newActivationDate === undefined
      ? null
      : calendarDate(command.newActivationDate, 'newActivationDate', rule);
  if (newDate === null && policy.informedDelay.requiresNewDate)
    throw new RuleViolation(
      rule,
      'The notice states the date from which the service can be activated',
      {
        field: 'newActivationDate',
      },
    );
  if (newDate !== null && newDate < romeDateOf(informedAt))
    throw new RuleViolation(rule, 'The new activation date cannot precede the notice', {
      field: 'newActivationDate',
    });
  const exemption = exemptionOf(policy, request, informedAt, newDate);
  const exemptionRule = request.term.informedDelay.indemnityRule;
  const announced =
    exemption.applies && newDate
      ? { noticeId: command.noticeId, date: newDate }
      : request.announced;
  const activationDue = deadlineOf(request, { announced });
  return [
    {
      type: 'ActivationDelayNotified',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        noticeId: command.noticeId,
        informedAt,
        channel: command.channel,
        reason,
        newActivationDate: newDate,
        agreedWithCustomer: command.agreedWithCustomer === true,
        rules: [...new Set([rule, 'NTF-3', exemptionRule])],
        exemption: { rule: exemptionRule, ...exemption },
        previousActivationDueAt: request.activationDueAt,
        activationDueAt: activationDue.dueAt,
        activationDue,
      },
    },
    ...missedBy(request, activationDue.dueAt, context.now),
  ];
}

function recordActivationDeadlineMissed(
  command: RecordActivationDeadlineMissed,
  state: ActivationState,
  { now }: DecisionContext,
): ActivationEvent[] {
  if (state.status !== 'requested' || state.activationDueAt === null) return [];
  // A timer may fire late, twice or for a deadline that has since moved: only a real miss counts.
  if (ms(command.activationDueAt) !== ms(state.activationDueAt)) return [];
  return missedBy(state, state.activationDueAt, now);
}

function activateService(
  command: ActivateService,
  state: ActivationState,
  context: DecisionContext,
): ActivationEvent[] {
  const request = inStatus(state, 'activated');
  const { policy } = command;
  pinned(request, policy);
  const rule = request.term.rule;
  const activatedAt = instant(command.activatedAt, 'activatedAt', rule);
  within(activatedAt, 'activatedAt', rule, request, context.now);
  const clash = request.pauses.some((p) =>
    p.to === null ? ms(p.from) > ms(activatedAt) : ms(p.to) > ms(activatedAt),
  );
  if (clash)
    throw new RuleViolation(
      'CAL-8',
      'The service cannot be activated before a recorded pause ends',
      {
        field: 'activatedAt',
      },
    );
  const events: ActivationEvent[] = [];
  let activationDue = deadlineOf(request);
  const running = request.pauses.find((p) => p.to === null);
  if (running) {
    // Activating the service ends the pause that was running.
    const resumed = resumeEvent(request, running.pauseId, activatedAt, context.actor.id);
    events.push(resumed.event);
    activationDue = resumed.activationDue;
  }
  if (activationDue.status !== 'DUE' || !activationDue.dueAt || !activationDue.dueDate)
    throw new ConflictingState('The request has no activation deadline', {
      deadline: activationDue.status,
    });
  const { dueAt, dueDate } = activationDue;
  const late = ms(activatedAt) > ms(dueAt);
  if (late) events.push(...missedBy(request, dueAt, activatedAt));
  // CAL-7: a date-based term counts calendar days after the due date.
  const days = daysOfDelayAfterDate(dueDate, activatedAt);
  events.push({
    type: 'ServiceActivated',
    data: {
      activationId: request.activationId,
      subjectId: request.subjectId,
      requestKind: request.requestKind,
      activatedAt,
      activationDueAt: dueAt,
      dueDate,
      onTime: !late,
      delay: {
        rule: 'CAL-7',
        basis: 'CALENDAR_DAYS_AFTER_DUE_DATE',
        days,
        latenessMs: Math.max(0, ms(activatedAt) - ms(dueAt)),
      },
    },
  });
  const assessment = assessActivationIndemnity(policy, {
    requestKind: request.requestKind,
    customerType: request.customerType,
    services: request.services,
    dueDate,
    activatedAt,
    daysOfDelay: days,
    announcedDate: activationDue.chosen === 'ANNOUNCED_DATE' ? dueDate : null,
  });
  events.push({
    type: 'ActivationIndemnityAssessed',
    data: {
      activationId: request.activationId,
      subjectId: request.subjectId,
      policyVersion: request.policyVersion,
      ...assessment,
    },
  });
  const beyond = delayRateOf(policy, request.requestKind).rate.supplementaryAssessmentBeyondDays;
  if (beyond !== null && days > beyond) {
    events.push({
      type: 'ActivationSupplementaryIndemnityAssessmentRequested',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        daysOfDelay: days,
        capDays: beyond,
      },
    });
  }
  return events;
}

function recordIndemnityClaim(
  command: RecordIndemnityClaim,
  state: ActivationState,
  { now }: DecisionContext,
): ActivationEvent[] {
  const request = inStatus(state, 'given an indemnity claim', ['activated']);
  const { policy } = command;
  pinned(request, policy);
  if (request.indemnity?.status !== 'awaiting_claim')
    throw new ConflictingState('No indemnity of this request awaits a claim', {
      indemnity: request.indemnity?.status ?? null,
    });
  const written = policy.indemnity.payout.mode === 'AUTOMATIC_AFTER_WRITTEN_REPORT';
  const rule = written ? 'IND-7' : 'IND-4';
  const claimedAt = instant(command.claimedAt, 'claimedAt', rule);
  within(claimedAt, 'claimedAt', rule, request, now);
  const channels = policy.indemnity.payout.writtenReportChannels;
  if (
    !REQUEST_CHANNELS.includes(command.channel) ||
    (written && channels && !channels.includes(command.channel))
  )
    throw new RuleViolation(rule, `The report comes in writing: ${channels ?? REQUEST_CHANNELS}`, {
      field: 'channel',
    });
  const activatedOn = romeDateOf((request.activation as { activatedAt: string }).activatedAt);
  const claimedOn = romeDateOf(claimedAt);
  return [
    {
      type: 'IndemnityClaimRecorded',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        claimedAt,
        channel: command.channel,
        rule,
        amountCents: request.indemnity.amountCents,
        onFirstInvoiceIssuedAfter: claimedOn > activatedOn ? claimedOn : activatedOn,
      },
    },
  ];
}

function cancelActivationRequest(
  command: CancelActivationRequest,
  state: ActivationState,
  context: DecisionContext,
): ActivationEvent[] {
  const request = inStatus(state, 'cancelled');
  const rule = command.reason === 'refused_by_operator' ? 'ACT-5' : 'ACT-4';
  if (command.reason !== 'refused_by_operator' && command.reason !== 'revoked_by_customer')
    throw new RuleViolation(rule, 'reason is revoked_by_customer or refused_by_operator', {
      field: 'reason',
    });
  const note = text(command.note, 'note', rule, 'A cancellation states its grounds');
  return [
    {
      type: 'ActivationRequestCancelled',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        reason: command.reason,
        rule,
        note,
        cancelledAt: iso(ms(context.now)),
        cancelledBy: context.actor.id,
      },
    },
  ];
}

export const activationDecider: Decider<ActivationCommand, ActivationEvent, ActivationState> = {
  initialState: initialActivationState,
  evolve: evolveActivation,
  // IND-12: the indemnity ledger's lines, appended by its reactor and by supervisors, change none
  // of the ticket's rules: an If-Match read before them still holds.
  annotations: ['IndemnityAssessed', 'IndemnityCredited', 'SupplementaryIndemnityDecided'],
  decide(command, state, context) {
    switch (command.type) {
      case 'RequestActivation':
        return requestActivation(command, state, context);
      case 'RecordTechnicalCheck':
        return recordTechnicalCheck(command, state, context);
      case 'PauseActivationClock':
        return pauseActivationClock(command, state, context);
      case 'ResumeActivationClock':
        return resumeActivationClock(command, state, context);
      case 'NotifyActivationDelay':
        return notifyActivationDelay(command, state, context);
      case 'RecordActivationDeadlineMissed':
        return recordActivationDeadlineMissed(command, state, context);
      case 'ActivateService':
        return activateService(command, state, context);
      case 'RecordIndemnityClaim':
        return recordIndemnityClaim(command, state, context);
      case 'CancelActivationRequest':
        return cancelActivationRequest(command, state, context);
    }
  },
};
