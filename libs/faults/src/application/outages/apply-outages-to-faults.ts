import { DomainError } from '@sportello/decider';
import { CommandHandler, ConcurrencyConflictError, RecordedEvent } from '@sportello/eventstore';
import { FaultCommand } from '../../domain/fault.commands';
import { faultDecider } from '../../domain/fault.decider';
import { ReportedFault } from '../../domain/fault.state';
import { outageDecider } from '../../domain/outage.decider';
import { OutageEvent } from '../../domain/outage.events';
import { DeclaredOutage } from '../../domain/outage.state';
import { FaultPolicies } from '../fault-policies.port';
import { faultStream, isOutageStream } from '../fault-streams';

export const OUTAGE_FAULTS_SUBSCRIPTION = 'outage-faults';
const ATTEMPTS = 3;

export interface OutageReactorLog {
  warn(message: string): void;
}

type Actor = { id: string; role: string; roles: string[] };
type Plan = (fault: ReportedFault) => FaultCommand | null;

/**
 * Reactor: carries an outage to the faults linked to it. Each fault's stream records its link
 * (FLT-9, which changes no deadline); in an EXCEPTIONAL_WIDESPREAD outage the fault also takes
 * the IND-9 regime, marked on behalf of the supervisor who declared the outage (FLT-10), and
 * follows the outage's force-majeure end and communicated resolution date (AMB-15). Deciders make
 * a replay harmless; a refusal is logged by ids and rule, and the log moves on.
 */
/** The events `applyOutagesToFaults` acts on. */
export const OUTAGE_REACTOR_EVENTS = [
  'OutageFaultsLinked',
  'OutageUpdated',
] as const satisfies readonly OutageEvent['type'][];

export function applyOutagesToFaults(
  commands: CommandHandler,
  policies: FaultPolicies,
  log: OutageReactorLog,
): (event: RecordedEvent) => Promise<void> {
  async function apply(faultId: string, source: RecordedEvent, actor: Actor, plan: Plan) {
    const stream = faultStream(faultId);
    for (let attempt = 1; ; attempt++) {
      const { state } = await commands.load(faultDecider, stream);
      if (state.status === 'none') {
        log.warn(`Outage ${source.stream}: fault ${faultId} does not exist`);
        return;
      }
      const command = plan(state);
      if (!command) return;
      try {
        await commands.handle(faultDecider, {
          stream,
          command,
          actor,
          correlationId: source.metadata.correlationId,
          causationId: source.id,
          metadataFor: () => ({
            policyVersion: state.policyVersion,
            subjectIds: [state.subjectId],
          }),
        });
        return;
      } catch (error) {
        if (error instanceof ConcurrencyConflictError && attempt < ATTEMPTS) continue;
        if (error instanceof DomainError) {
          log.warn(
            `Outage ${source.stream}: ${command.type} refused on fault ${faultId} (${error.ruleId ?? error.kind})`,
          );
          return;
        }
        throw error;
      }
    }
  }

  const linkTo =
    (outage: DeclaredOutage): Plan =>
    (fault) =>
      fault.incidents.includes(outage.outageId)
        ? null
        : { type: 'LinkFaultToIncident', incidentId: outage.outageId };

  const markExceptional =
    (outage: DeclaredOutage): Plan =>
    (fault) => {
      if (fault.complexity !== null || fault.status === 'closed') return null;
      const policy = policies.byVersion(fault.policyVersion);
      if (!policy?.complexity.exceptionalWidespread) return null;
      return {
        type: 'MarkFaultComplex',
        policy,
        complexity: 'EXCEPTIONAL_WIDESPREAD',
        reasons: outage.reasons,
        forceMajeure: outage.forceMajeure,
        announcedResolutionDate: outage.announcedResolutionDate,
      };
    };

  const followOutage =
    (outage: DeclaredOutage): Plan =>
    (fault) => {
      if (fault.regime !== 'EXCEPTIONAL_WIDESPREAD' || !fault.exceptional) return null;
      if (!fault.incidents.includes(outage.outageId) || fault.status === 'closed') return null;
      const endedOn = outage.forceMajeure?.endedOn ?? null;
      const same =
        fault.exceptional.forceMajeure.endedOn === endedOn &&
        fault.exceptional.announcedResolutionDate === outage.announcedResolutionDate;
      if (same || (endedOn === null && outage.announcedResolutionDate === null)) return null;
      return {
        type: 'UpdateExceptionalFault',
        forceMajeureEndedOn: endedOn,
        announcedResolutionDate: outage.announcedResolutionDate,
      };
    };

  return async (event) => {
    if (!isOutageStream(event.stream)) return;
    const e = event as unknown as OutageEvent;
    if (e.type !== 'OutageFaultsLinked' && e.type !== 'OutageUpdated') return;
    const { state, events } = await commands.load(outageDecider, event.stream);
    if (state.status === 'none') return;
    const declaredBy = events[0].metadata.actor;
    const supervisor: Actor = { id: declaredBy.id, role: 'supervisor', roles: ['supervisor'] };
    const exceptional = state.kind === 'EXCEPTIONAL_WIDESPREAD';
    if (e.type === 'OutageFaultsLinked') {
      const linker: Actor = { ...event.metadata.actor, roles: [event.metadata.actor.role] };
      for (const faultId of e.data.faultIds) {
        await apply(faultId, event, linker, linkTo(state));
        if (exceptional) await apply(faultId, event, supervisor, markExceptional(state));
      }
      return;
    }
    if (!exceptional) return;
    const updater: Actor = { ...event.metadata.actor, roles: [event.metadata.actor.role] };
    for (const faultId of state.faultIds) await apply(faultId, event, updater, followOutage(state));
  };
}
