import { ConflictingState, DecisionContext, Decider, RuleViolation } from '@sportello/decider';
import { calendarDate, instant, isSupervisor, ms, text } from './fault-guards';
import { FaultPolicy } from './fault.policy';
import {
  DeclareOutage,
  LinkFaultsToOutage,
  OutageCommand,
  OutageFault,
  UpdateOutage,
} from './outage.commands';
import { OutageEvent, OutageForceMajeure } from './outage.events';
import { DeclaredOutage, evolveOutage, initialOutageState, OutageState } from './outage.state';

/** At most this many faults per link command: a larger incident is linked in several calls. */
export const MAX_FAULTS_PER_LINK = 500;

const ruleOf = (kind: DeclareOutage['kind']) =>
  kind === 'EXCEPTIONAL_WIDESPREAD' ? 'FLT-10' : 'FLT-9';

function notFuture(at: string, field: string, ruleId: string, now: string): string {
  if (ms(at) > ms(now))
    throw new RuleViolation(ruleId, `${field} cannot be in the future`, { field });
  return at;
}

function forceMajeureOf(value: OutageForceMajeure | null, ruleId: string): OutageForceMajeure {
  if (!value)
    throw new RuleViolation(ruleId, 'An exceptional widespread outage follows a force majeure', {
      field: 'forceMajeure',
    });
  const from = calendarDate(value.from, 'forceMajeure.from', ruleId);
  const endedOn =
    value.endedOn === null ? null : calendarDate(value.endedOn, 'forceMajeure.endedOn', ruleId);
  if (endedOn !== null && endedOn < from)
    throw new RuleViolation(ruleId, 'The force majeure cannot end before it starts', {
      field: 'forceMajeure.endedOn',
    });
  const evidenceRef = text(
    value.evidenceRef,
    'forceMajeure.evidenceRef',
    'CAL-8',
    'Force majeure needs an evidence reference',
  );
  return { from, endedOn, evidenceRef };
}

/** FLT-9: only faults of the outage's operator, each once. */
function newFaults(outage: { operator: string; faultIds: string[] }, faults: OutageFault[]) {
  if (faults.length > MAX_FAULTS_PER_LINK)
    throw new RuleViolation('FLT-9', `At most ${MAX_FAULTS_PER_LINK} faults per request`, {
      field: 'faultIds',
    });
  const foreign = faults.find((f) => f.operator !== outage.operator);
  if (foreign)
    throw new RuleViolation('FLT-9', `Only faults of ${outage.operator} can join this outage`, {
      field: 'faultIds',
      faultId: foreign.faultId,
    });
  const seen = new Set(outage.faultIds);
  const ids: string[] = [];
  for (const { faultId } of faults) {
    if (seen.has(faultId)) continue;
    seen.add(faultId);
    ids.push(faultId);
  }
  return ids;
}

function declareOutage(
  command: DeclareOutage,
  state: OutageState,
  context: DecisionContext,
): OutageEvent[] {
  if (state.status !== 'none') throw new ConflictingState('This outage was already declared');
  const rule = ruleOf(command.kind);
  if (!isSupervisor(context))
    throw new RuleViolation(rule, 'Only a supervisor declares an outage', { field: 'kind' });
  const policy: FaultPolicy = command.policy;
  const description = text(
    command.area.description,
    'area.description',
    rule,
    'The area is required',
  );
  const startedAt = notFuture(
    instant(command.startedAt, 'startedAt', rule),
    'startedAt',
    rule,
    context.now,
  );
  const endedAt =
    command.endedAt === null
      ? null
      : notFuture(instant(command.endedAt, 'endedAt', rule), 'endedAt', rule, context.now);
  if (endedAt !== null && ms(endedAt) <= ms(startedAt))
    throw new RuleViolation(rule, 'An outage ends after it starts', { field: 'endedAt' });
  const reasons = command.reasons.map((r) => r.trim()).filter((r) => r.length > 0);
  let forceMajeure: OutageForceMajeure | null = null;
  if (command.kind === 'EXCEPTIONAL_WIDESPREAD') {
    if (policy.complexity.exceptionalWidespread === null)
      throw new RuleViolation(
        'FLT-10',
        `The ${policy.operator} policy has no regime for exceptional widespread faults`,
        { field: 'kind' },
      );
    forceMajeure = forceMajeureOf(command.forceMajeure, rule);
    if (reasons.length === 0)
      throw new RuleViolation(rule, 'An exceptional widespread outage needs its reasons', {
        field: 'reasons',
      });
  } else if (command.forceMajeure !== null) {
    throw new RuleViolation(
      'FLT-9',
      'Mass reports change no deadline: a force majeure makes the outage EXCEPTIONAL_WIDESPREAD, or a pause on each fault (CAL-8)',
      { field: 'forceMajeure' },
    );
  }
  const announcedResolutionDate =
    command.announcedResolutionDate === null
      ? null
      : calendarDate(command.announcedResolutionDate, 'announcedResolutionDate', 'AMB-13');
  const events: OutageEvent[] = [
    {
      type: 'OutageDeclared',
      data: {
        outageId: command.outageId,
        operator: policy.operator,
        policyVersion: policy.version,
        kind: command.kind,
        area: {
          description,
          municipalities: command.area.municipalities.map((m) => m.trim()).filter(Boolean),
          postcodes: command.area.postcodes.map((p) => p.trim()).filter(Boolean),
        },
        startedAt,
        endedAt,
        forceMajeure,
        announcedResolutionDate,
        reasons,
        declaredBy: context.actor.id,
        rule,
        clause: policy.complexity.clause,
      },
    },
  ];
  const linked = newFaults({ operator: policy.operator, faultIds: [] }, command.faults);
  if (linked.length > 0)
    events.push({
      type: 'OutageFaultsLinked',
      data: { outageId: command.outageId, faultIds: linked, linkedBy: context.actor.id },
    });
  return events;
}

function declared(state: OutageState): DeclaredOutage {
  if (state.status === 'none') throw new ConflictingState('No such outage was declared');
  return state;
}

function linkFaultsToOutage(
  command: LinkFaultsToOutage,
  state: OutageState,
  context: DecisionContext,
): OutageEvent[] {
  const outage = declared(state);
  if (command.faults.length === 0)
    throw new RuleViolation('FLT-9', 'Name at least one fault to link', { field: 'faultIds' });
  const faultIds = newFaults(outage, command.faults);
  if (faultIds.length === 0) return [];
  return [
    {
      type: 'OutageFaultsLinked',
      data: { outageId: outage.outageId, faultIds, linkedBy: context.actor.id },
    },
  ];
}

function updateOutage(
  command: UpdateOutage,
  state: OutageState,
  context: DecisionContext,
): OutageEvent[] {
  const outage = declared(state);
  const rule = ruleOf(outage.kind);
  if (!isSupervisor(context))
    throw new RuleViolation(rule, 'Only a supervisor updates an outage', { field: 'endedAt' });
  if (
    command.endedAt === undefined &&
    command.forceMajeureEndedOn === undefined &&
    command.announcedResolutionDate === undefined
  )
    throw new RuleViolation(rule, 'Nothing to update', { field: 'endedAt' });
  let endedAt = outage.endedAt;
  if (command.endedAt !== undefined) {
    endedAt = notFuture(instant(command.endedAt, 'endedAt', rule), 'endedAt', rule, context.now);
    if (ms(endedAt) <= ms(outage.startedAt))
      throw new RuleViolation(rule, 'An outage ends after it starts', { field: 'endedAt' });
  }
  let forceMajeure = outage.forceMajeure;
  if (command.forceMajeureEndedOn !== undefined) {
    if (!forceMajeure)
      throw new RuleViolation(rule, 'This outage records no force majeure', {
        field: 'forceMajeureEndedOn',
      });
    forceMajeure = forceMajeureOf({ ...forceMajeure, endedOn: command.forceMajeureEndedOn }, rule);
  }
  const announcedResolutionDate =
    command.announcedResolutionDate === undefined
      ? outage.announcedResolutionDate
      : calendarDate(command.announcedResolutionDate, 'announcedResolutionDate', 'AMB-13');
  const unchanged =
    endedAt === outage.endedAt &&
    forceMajeure?.endedOn === outage.forceMajeure?.endedOn &&
    announcedResolutionDate === outage.announcedResolutionDate;
  if (unchanged) return [];
  return [
    {
      type: 'OutageUpdated',
      data: {
        outageId: outage.outageId,
        endedAt,
        forceMajeure,
        announcedResolutionDate,
        updatedBy: context.actor.id,
      },
    },
  ];
}

/** A mass-outage incident (FLT-9, FLT-10): declared by a supervisor, fault reports linked to it. */
export const outageDecider: Decider<OutageCommand, OutageEvent, OutageState> = {
  initialState: initialOutageState,
  evolve: evolveOutage,
  decide(command, state, context) {
    switch (command.type) {
      case 'DeclareOutage':
        return declareOutage(command, state, context);
      case 'LinkFaultsToOutage':
        return linkFaultsToOutage(command, state, context);
      case 'UpdateOutage':
        return updateOutage(command, state, context);
    }
  },
};
