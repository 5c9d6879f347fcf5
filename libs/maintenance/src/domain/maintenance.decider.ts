import {
  ConflictingState,
  DecisionContext,
  Decider,
  NotFound,
  RuleViolation,
} from '@sportello/decider';
import {
  CancelMaintenanceWindow,
  MaintenanceCommand,
  PublishMaintenanceNotice,
  RecordMaintenanceEnd,
  RecordMaintenanceStart,
  RegisterMaintenanceWindow,
  RescheduleMaintenanceWindow,
} from './maintenance.commands';
import {
  AffectedScope,
  CUSTOMER_TYPES,
  MaintenanceEvent,
  MaintenanceNotice,
} from './maintenance.events';
import { MAINTENANCE_CHANNELS, MaintenancePolicy } from './maintenance.policy';
import {
  MaintenanceState,
  RegisteredWindow,
  evolveMaintenance,
  initialMaintenanceState,
} from './maintenance.state';
import { noticeCompliance } from './notice-compliance';
import { assessNoticeIndemnity } from './notice-indemnity';

const ms = (instant: string) => Date.parse(instant);
const iso = (epochMs: number) => new Date(epochMs).toISOString();
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO instant with an explicit offset, as ISO UTC (CAL-1). */
function instant(value: string, field: string, ruleId = 'MNT-4'): string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(ms(value)))
    throw new RuleViolation(ruleId, `${field} must be an ISO instant with an offset`, { field });
  return iso(ms(value));
}

function text(value: string | null | undefined, field: string, what: string): string {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw new RuleViolation('MNT-4', what, { field });
  return trimmed;
}

function notFuture(at: string, field: string, now: string): void {
  if (ms(at) > ms(now))
    throw new RuleViolation('MNT-4', `${field} cannot be in the future`, { field });
}

function registered(state: MaintenanceState): RegisteredWindow {
  if (state.status === 'none') throw new NotFound('MaintenanceWindow', 'requested');
  return state;
}

function inStatus(
  state: MaintenanceState,
  action: string,
  allowed: readonly RegisteredWindow['status'][],
): RegisteredWindow {
  const window = registered(state);
  if (!allowed.includes(window.status))
    throw new ConflictingState(`A ${window.status} maintenance window cannot be ${action}`, {
      status: window.status,
    });
  return window;
}

/** CAL-9: a window keeps the policy version in force when it was registered. */
function pinned(window: RegisteredWindow, policy: MaintenancePolicy): void {
  if (policy.version !== window.policyVersion)
    throw new ConflictingState(
      `The window is evaluated under policy ${window.policyVersion}, not ${policy.version}`,
      { policyVersion: window.policyVersion },
      'CAL-9',
    );
}

function span(start: string, end: string): { plannedStart: string; plannedEnd: string } {
  const plannedStart = instant(start, 'plannedStart');
  const plannedEnd = instant(end, 'plannedEnd');
  if (ms(plannedEnd) <= ms(plannedStart))
    throw new RuleViolation('MNT-4', 'A window ends after it starts', { field: 'plannedEnd' });
  return { plannedStart, plannedEnd };
}

function affectedScope(affected: AffectedScope, area: string | null): AffectedScope {
  if (affected?.kind === 'count') {
    if (!Number.isInteger(affected.count) || affected.count < 1)
      throw new RuleViolation('MNT-4', 'The count of affected lines is a whole number ≥ 1', {
        field: 'affected.count',
      });
    if (!area)
      throw new RuleViolation('MNT-4', 'A window given by a count of lines names its area', {
        field: 'area',
      });
    return { kind: 'count', count: affected.count };
  }
  if (affected?.kind !== 'lines' || affected.lines.length === 0)
    throw new RuleViolation('MNT-4', 'A window lists its affected lines or counts them', {
      field: 'affected',
    });
  const lines = affected.lines.map((line, i) => {
    if (!CUSTOMER_TYPES.includes(line.customerType))
      throw new RuleViolation('IND-13', 'Each affected line carries its customer type', {
        field: `affected.lines[${i}].customerType`,
      });
    return {
      lineId: text(line.lineId, `affected.lines[${i}].lineId`, 'Each affected line has an id'),
      subjectId: text(
        line.subjectId,
        `affected.lines[${i}].subjectId`,
        'Each affected line names its customer',
      ),
      customerType: line.customerType,
    };
  });
  if (new Set(lines.map((l) => l.lineId)).size !== lines.length)
    throw new RuleViolation('MNT-4', 'An affected line is listed once', { field: 'affected' });
  return { kind: 'lines', lines };
}

function noticeOf(
  notice: { noticeId: string; publishedAt: string; channel: string },
  now: string,
  field: string,
): MaintenanceNotice {
  const publishedAt = instant(notice.publishedAt, `${field}.publishedAt`);
  notFuture(publishedAt, `${field}.publishedAt`, now);
  if (!(MAINTENANCE_CHANNELS as readonly string[]).includes(notice.channel))
    throw new RuleViolation('MNT-4', `The notice channel is one of ${MAINTENANCE_CHANNELS}`, {
      field: `${field}.channel`,
    });
  return {
    noticeId: text(notice.noticeId, `${field}.noticeId`, 'A notice has an id'),
    publishedAt,
    channel: notice.channel as MaintenanceNotice['channel'],
  };
}

function registerWindow(
  command: RegisterMaintenanceWindow,
  state: MaintenanceState,
  context: DecisionContext,
): MaintenanceEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This maintenance window was already registered', {
      status: state.status,
    });
  if (command.kind !== 'planned' && command.kind !== 'unplanned_fault')
    throw new RuleViolation('MNT-4', 'kind is planned or unplanned_fault', { field: 'kind' });
  const { plannedStart, plannedEnd } = span(command.plannedStart, command.plannedEnd);
  const area = command.area?.trim() || null;
  const affected = affectedScope(command.affected, area);
  const notice = command.notice ? noticeOf(command.notice, context.now, 'notice') : null;
  const { policy } = command;
  return [
    {
      type: 'MaintenanceWindowRegistered',
      data: {
        windowId: command.windowId,
        reference: command.reference,
        operator: policy.operator,
        policyVersion: policy.version,
        kind: command.kind,
        area,
        affected,
        plannedStart,
        plannedEnd,
        description: command.description?.trim() ?? '',
        registeredBy: context.actor.id,
        notice,
        compliance: noticeCompliance(
          policy,
          command.kind,
          notice ? 'publication' : 'registration',
          plannedStart,
          notice,
        ),
      },
    },
  ];
}

function publishNotice(
  command: PublishMaintenanceNotice,
  state: MaintenanceState,
  { now }: DecisionContext,
): MaintenanceEvent[] {
  const window = inStatus(state, 'given a notice', ['scheduled']);
  pinned(window, command.policy);
  if (window.notice)
    throw new ConflictingState('A notice was already published for this window', {
      noticeId: window.notice.noticeId,
    });
  const notice = noticeOf(command, now, 'notice');
  return [
    {
      type: 'MaintenanceNoticePublished',
      data: {
        windowId: window.windowId,
        notice,
        compliance: noticeCompliance(
          command.policy,
          window.kind,
          'publication',
          window.plannedStart,
          notice,
        ),
      },
    },
  ];
}

function reschedule(
  command: RescheduleMaintenanceWindow,
  state: MaintenanceState,
): MaintenanceEvent[] {
  const window = inStatus(state, 'rescheduled', ['scheduled']);
  pinned(window, command.policy);
  const { plannedStart, plannedEnd } = span(command.plannedStart, command.plannedEnd);
  return [
    {
      type: 'MaintenanceWindowRescheduled',
      data: {
        windowId: window.windowId,
        plannedStart,
        plannedEnd,
        previous: { plannedStart: window.plannedStart, plannedEnd: window.plannedEnd },
        reason: text(command.reason, 'reason', 'A reschedule states its reason'),
        compliance: noticeCompliance(
          command.policy,
          window.kind,
          'reschedule',
          plannedStart,
          window.notice,
        ),
      },
    },
  ];
}

function recordStart(
  command: RecordMaintenanceStart,
  state: MaintenanceState,
  { now }: DecisionContext,
): MaintenanceEvent[] {
  const window = inStatus(state, 'started', ['scheduled']);
  pinned(window, command.policy);
  const startedAt = instant(command.startedAt, 'startedAt');
  notFuture(startedAt, 'startedAt', now);
  // MNT-4: the verdict at the actual start is final.
  const compliance = noticeCompliance(
    command.policy,
    window.kind,
    'start',
    startedAt,
    window.notice,
  );
  const events: MaintenanceEvent[] = [
    { type: 'MaintenanceStarted', data: { windowId: window.windowId, startedAt, compliance } },
  ];
  if (compliance.consequence !== 'NONE') {
    events.push({
      type: 'MaintenanceNoticeBreached',
      data: {
        windowId: window.windowId,
        contractualBreach: compliance.contractual?.met === false,
        indemnifiedBreach: compliance.indemnified?.met === false,
        consequence: compliance.consequence,
        flaggedToSupervisors: true,
        noticeHours: compliance.noticeHours,
        rules: compliance.rules,
        summary: compliance.summary,
      },
    });
  }
  return events;
}

function recordEnd(
  command: RecordMaintenanceEnd,
  state: MaintenanceState,
  { now }: DecisionContext,
): MaintenanceEvent[] {
  const window = inStatus(state, 'ended', ['started']);
  const { policy } = command;
  pinned(window, policy);
  const startedAt = window.startedAt as string;
  const endedAt = instant(command.endedAt, 'endedAt');
  notFuture(endedAt, 'endedAt', now);
  if (ms(endedAt) <= ms(startedAt))
    throw new RuleViolation('MNT-4', 'The interruption ends after it starts', {
      field: 'endedAt',
    });
  const indemnity = assessNoticeIndemnity(policy, window.affected, startedAt, endedAt);
  const events: MaintenanceEvent[] = [
    {
      type: 'MaintenanceEnded',
      data: {
        windowId: window.windowId,
        startedAt,
        endedAt,
        interruptionMs: ms(endedAt) - ms(startedAt),
        daysTouched: indemnity.daysTouched,
      },
    },
  ];
  if (window.compliance.consequence === 'INDEMNITY') {
    events.push({
      type: 'MaintenanceNoticeIndemnityAssessed',
      data: { windowId: window.windowId, policyVersion: window.policyVersion, ...indemnity },
    });
  }
  return events;
}

function cancel(
  command: CancelMaintenanceWindow,
  state: MaintenanceState,
  context: DecisionContext,
): MaintenanceEvent[] {
  const window = inStatus(state, 'cancelled', ['scheduled']);
  return [
    {
      type: 'MaintenanceWindowCancelled',
      data: {
        windowId: window.windowId,
        reason: text(command.reason, 'reason', 'A cancellation states its reason'),
        cancelledAt: iso(ms(context.now)),
        cancelledBy: context.actor.id,
      },
    },
  ];
}

export const maintenanceDecider: Decider<MaintenanceCommand, MaintenanceEvent, MaintenanceState> = {
  initialState: initialMaintenanceState,
  evolve: evolveMaintenance,
  // IND-12: the indemnity ledger's lines, appended by its reactor and by supervisors, change none
  // of the ticket's rules: an If-Match read before them still holds.
  annotations: ['IndemnityAssessed', 'IndemnityCredited', 'SupplementaryIndemnityDecided'],
  decide(command, state, context) {
    switch (command.type) {
      case 'RegisterMaintenanceWindow':
        return registerWindow(command, state, context);
      case 'PublishMaintenanceNotice':
        return publishNotice(command, state, context);
      case 'RescheduleMaintenanceWindow':
        return reschedule(command, state);
      case 'RecordMaintenanceStart':
        return recordStart(command, state, context);
      case 'RecordMaintenanceEnd':
        return recordEnd(command, state, context);
      case 'CancelMaintenanceWindow':
        return cancel(command, state, context);
    }
  },
};
