import {
  ConflictingState,
  DecisionContext,
  Decider,
  NotFound,
  RuleViolation,
} from '@sportello/decider';
import { daysBetween, romeDateOf } from '@sportello/sla';
import { comparePeriods, periodOf } from './billing-period';
import {
  AddAffectedCustomer,
  BillingRecoveryCommand,
  IssueRecoveryPlan,
  RecordManualNotice,
  RecordRecoveryChargeBilled,
} from './billing-recovery.commands';
import {
  BILLING_INCIDENT_NOTICE_TEMPLATE,
  BillingRecoveryEvent,
  OwnBillingRecoveryEvent,
} from './billing-recovery.events';
import {
  BillingRecoveryState,
  evolveBillingRecovery,
  initialBillingRecoveryState,
  OpenRecovery,
} from './billing-recovery.state';
import { checkMissedCharges, MissedCharge, planRecovery } from './recovery-plan';

const ms = (instant: string) => Date.parse(instant);
const sum = (items: { amountCents: number }[]) => items.reduce((t, c) => t + c.amountCents, 0);

function added(state: BillingRecoveryState): OpenRecovery {
  if (state.status === 'none') throw new NotFound('Recovery', 'requested');
  return state;
}

function addAffectedCustomer(
  command: AddAffectedCustomer,
  state: BillingRecoveryState,
): OwnBillingRecoveryEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This customer was already added to the incident', {
      currentStatus: state.status,
    });
  const { incident, policy, customer } = command;
  if (policy.version !== incident.policyVersion)
    throw new ConflictingState('The policy given is not the one the incident pinned', {
      policyVersion: incident.policyVersion,
    });
  const periods = command.periods ?? incident.periods;
  const outside = periods.find((p) => !incident.periods.includes(p));
  if (outside)
    throw new RuleViolation('BIL-15', 'A customer can only miss periods of the incident', {
      field: 'periods',
      period: outside,
    });
  const fee = command.monthlyFeeCents ?? incident.service.monthlyFeeCents;
  const missed: MissedCharge[] = [...periods]
    .sort(comparePeriods)
    .map((period) => ({ period, amountCents: fee }));
  checkMissedCharges(missed);
  if (customer.phone.trim().length === 0)
    throw new RuleViolation('NTF-10', 'The customer is told by SMS: a phone number is required', {
      field: 'customer.phone',
    });
  const events: OwnBillingRecoveryEvent[] = [
    {
      type: 'AffectedCustomerAdded',
      data: {
        recoveryId: command.recoveryId,
        incidentId: incident.incidentId,
        operator: incident.operator,
        policyVersion: incident.policyVersion,
        customer,
        service: { ...incident.service, monthlyFeeCents: fee },
        missed,
        arrearsCents: sum(missed),
        currency: 'EUR',
        noticeBy: command.noticeBy,
      },
    },
  ];
  if (command.noticeBy === 'system') {
    events.push({
      type: 'RecoveryNoticeRequested',
      data: {
        recoveryId: command.recoveryId,
        incidentId: incident.incidentId,
        subjectId: customer.subjectId,
        template: BILLING_INCIDENT_NOTICE_TEMPLATE,
        channel: policy.noticeChannel,
        serviceName: incident.service.name,
        cause: incident.cause,
        missedPeriods: missed.map((m) => m.period),
        monthlyFeeCents: fee,
        arrearsCents: sum(missed),
        currency: 'EUR',
        recoveryStepDays: policy.recoveryStepDays,
        firstRecovery: policy.firstRecovery,
      },
    });
  }
  return events;
}

function recordManualNotice(
  command: RecordManualNotice,
  state: BillingRecoveryState,
  { now }: DecisionContext,
): OwnBillingRecoveryEvent[] {
  const recovery = added(state);
  if (recovery.notice) {
    if (recovery.notice.reference === command.smsReference) return [];
    throw new ConflictingState(
      'The customer was already notified: the first notice fixes the schedule',
      { field: 'smsReference' },
      'NTF-10',
    );
  }
  if (ms(command.sentAt) > ms(now))
    throw new RuleViolation('NTF-10', 'sentAt cannot be in the future', { field: 'sentAt' });
  const noticePeriod = periodOf(romeDateOf(command.sentAt));
  const last = recovery.missed[recovery.missed.length - 1].period;
  if (comparePeriods(last, noticePeriod) >= 0)
    throw new RuleViolation(
      'BIL-15',
      'The notice must come after the last uncharged month: regular charges resume from the month of the notice',
      { field: 'sentAt', period: last },
    );
  return [
    {
      type: 'RecoveryNoticeRecorded',
      data: {
        recoveryId: recovery.recoveryId,
        subjectId: recovery.subjectId,
        channel: 'sms',
        sentAt: new Date(ms(command.sentAt)).toISOString(),
        smsReference: command.smsReference,
      },
    },
  ];
}

function issuePlan(
  command: IssueRecoveryPlan,
  state: BillingRecoveryState,
): OwnBillingRecoveryEvent[] {
  const recovery = added(state);
  if (!recovery.notice)
    throw new RuleViolation(
      'NTF-10',
      'No recovery plan before the customer has been notified by SMS',
      { field: 'notice', recoveryStatus: recovery.status },
    );
  if (recovery.plan) return [];
  if (command.policy.version !== recovery.policyVersion)
    throw new ConflictingState('The policy given is not the one the incident pinned', {
      policyVersion: recovery.policyVersion,
    });
  const plan = planRecovery({
    recoveryId: recovery.recoveryId,
    serviceName: recovery.serviceName,
    missed: recovery.missed,
    noticeOn: romeDateOf(recovery.notice.sentAt),
    policy: command.policy,
  });
  const events: OwnBillingRecoveryEvent[] = [
    {
      type: 'RegularChargesResumed',
      data: {
        recoveryId: recovery.recoveryId,
        subjectId: recovery.subjectId,
        from: plan.regularChargesResumeFrom,
        monthlyFeeCents: recovery.monthlyFeeCents,
        currency: 'EUR',
      },
    },
    {
      type: 'RecoveryPlanIssued',
      data: {
        recoveryId: recovery.recoveryId,
        incidentId: recovery.incidentId,
        subjectId: recovery.subjectId,
        notice: { ...recovery.notice },
        ...plan,
      },
    },
  ];
  if (plan.charges.length === 0)
    events.push({
      type: 'BillingRecoverySettled',
      data: {
        recoveryId: recovery.recoveryId,
        subjectId: recovery.subjectId,
        recoveredCents: 0,
        prescribedCents: sum(plan.prescribed),
        currency: 'EUR',
        settledOn: plan.noticeOn,
      },
    });
  return events;
}

function recordChargeBilled(
  command: RecordRecoveryChargeBilled,
  state: BillingRecoveryState,
  { now }: DecisionContext,
): OwnBillingRecoveryEvent[] {
  const recovery = added(state);
  if (!recovery.notice)
    throw new RuleViolation('NTF-10', 'No recovery charge before the customer has been notified', {
      field: 'chargeId',
    });
  if (!recovery.plan)
    throw new RuleViolation('BIL-15', 'No recovery charge before the recovery plan is issued', {
      field: 'chargeId',
    });
  const charge = recovery.plan.charges.find((c) => c.chargeId === command.chargeId);
  if (!charge) throw new NotFound('Recovery charge', command.chargeId);
  const already = recovery.billed[charge.chargeId];
  if (already) {
    if (already.invoiceNumber === command.invoiceNumber && already.billedOn === command.billedOn)
      return [];
    throw new ConflictingState('This recovery charge was already billed', {
      field: 'chargeId',
      invoiceNumber: already.invoiceNumber,
    });
  }
  if (daysBetween(command.billedOn, romeDateOf(now)) < 0)
    throw new RuleViolation('BIL-15', 'billedOn cannot be in the future', { field: 'billedOn' });
  if (daysBetween(romeDateOf(recovery.notice.sentAt), command.billedOn) < 0)
    throw new RuleViolation('NTF-10', 'A recovery charge cannot precede the SMS notice', {
      field: 'billedOn',
    });
  if (daysBetween(charge.dueOn, command.billedOn) < 0)
    throw new RuleViolation(
      'AMB-28',
      `This charge recovers ${charge.recovers} and falls due on ${charge.dueOn}: one renewal per ${recovery.plan.stepDays}-day step, never earlier`,
      { field: 'billedOn', dueOn: charge.dueOn },
    );
  const events: OwnBillingRecoveryEvent[] = [
    {
      type: 'RecoveryChargeBilled',
      data: {
        recoveryId: recovery.recoveryId,
        subjectId: recovery.subjectId,
        chargeId: charge.chargeId,
        recovers: charge.recovers,
        amountCents: charge.amountCents,
        currency: 'EUR',
        invoiceNumber: command.invoiceNumber,
        billedOn: command.billedOn,
      },
    },
  ];
  const outstanding = recovery.plan.charges.filter(
    (c) => c.chargeId !== charge.chargeId && !recovery.billed[c.chargeId],
  );
  if (outstanding.length === 0)
    events.push({
      type: 'BillingRecoverySettled',
      data: {
        recoveryId: recovery.recoveryId,
        subjectId: recovery.subjectId,
        recoveredCents: recovery.plan.recoverableCents,
        prescribedCents: sum(recovery.plan.prescribed),
        currency: 'EUR',
        settledOn: command.billedOn,
      },
    });
  return events;
}

export const billingRecoveryDecider: Decider<
  BillingRecoveryCommand,
  BillingRecoveryEvent,
  BillingRecoveryState
> = {
  initialState: initialBillingRecoveryState,
  evolve: evolveBillingRecovery,
  decide(command, state, context) {
    switch (command.type) {
      case 'AddAffectedCustomer':
        return addAffectedCustomer(command, state);
      case 'RecordManualNotice':
        return recordManualNotice(command, state, context);
      case 'IssueRecoveryPlan':
        return issuePlan(command, state);
      case 'RecordRecoveryChargeBilled':
        return recordChargeBilled(command, state, context);
    }
  },
};
