import { fold } from '@sportello/decider';
import { CommandHandler, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import {
  Deadline,
  DeadlineHandler,
  DeadlineScheduler,
  OpenDeadlineSource,
} from '@sportello/timers';
import { faultDecider } from '../../domain/fault.decider';
import { FaultEvent } from '../../domain/fault.events';
import { faultIdOfStream, faultStream } from '../fault-streams';

export const FAULT_REPAIR_DUE = 'fault-repair-due';

/** The system itself records a missed deadline; it is an actor in the log like any other. */
export const REPAIR_TIMER_ACTOR = {
  id: 'system:deadline-timer',
  role: 'system',
  roles: ['system'],
} as const;

/** Ids only: the stream, the kind and the due instant (the job id derives from all three). */
function repairDue(faultId: string, dueAt: string): Deadline {
  return { stream: faultStream(faultId), kind: FAULT_REPAIR_DUE, dueAt };
}

/** Reads a stream: to find the deadline a closing event leaves behind. */
export type StreamReader = (stream: string) => Promise<RecordedEvent[]>;

async function move(
  scheduler: DeadlineScheduler,
  faultId: string,
  previous: string | null,
  next: string | null,
): Promise<void> {
  if (previous !== null && previous !== next) await scheduler.cancel(repairDue(faultId, previous));
  if (next !== null) await scheduler.arm(repairDue(faultId, next));
}

/**
 * Keeps one armed timer per open fault, following the repair deadline as the log moves it:
 * armed at the report, re-armed by pauses, resumes, a complex marking and a reopening,
 * cancelled when the service is restored or the fault is closed.
 */
/** The events `followFaultDeadline` acts on. */
export const FAULT_DEADLINE_EVENTS = [
  'FaultReported',
  'RepairClockPaused',
  'RepairClockResumed',
  'FaultMarkedComplex',
  'FaultReopened',
  'ServiceRestored',
  'FaultClosed',
] as const satisfies readonly FaultEvent['type'][];

export async function followFaultDeadline(
  event: RecordedEvent,
  scheduler: DeadlineScheduler,
  read: StreamReader,
): Promise<void> {
  const faultId = faultIdOfStream(event.stream);
  if (!faultId) return;
  const e = event as unknown as FaultEvent;
  switch (e.type) {
    case 'FaultReported':
      return move(scheduler, faultId, null, e.data.repairDueAt);
    case 'RepairClockPaused':
    case 'RepairClockResumed':
    case 'FaultMarkedComplex':
      return move(scheduler, faultId, e.data.previousRepairDueAt, e.data.repairDueAt);
    case 'FaultReopened':
      return move(scheduler, faultId, null, e.data.repairDueAt);
    case 'ServiceRestored':
      return move(scheduler, faultId, e.data.repairDueAt, null);
    case 'FaultClosed': {
      // Out of scope, a fault may close while its clock still runs.
      const before = (await read(event.stream)).filter((r) => r.revision < event.revision);
      const state = fold(faultDecider, before as unknown as FaultEvent[]);
      if (state.status !== 'none') await move(scheduler, faultId, state.repairDueAt, null);
      return;
    }
    default:
      return;
  }
}

/** When the timer fires: the decider appends the miss only if it really happened (idempotent). */
export function faultRepairDeadlineHandler(commands: CommandHandler): DeadlineHandler {
  return async (deadline) => {
    const { state } = await commands.load(faultDecider, deadline.stream);
    if (state.status !== 'open') return;
    await commands.handle(faultDecider, {
      stream: deadline.stream,
      // The miss names ids and instants only: no personal field needs opening.
      sealed: true,
      command: { type: 'RecordRepairDeadlineMissed', repairDueAt: deadline.dueAt },
      actor: REPAIR_TIMER_ACTOR,
      correlationId: `deadline:${deadline.stream}:${deadline.kind}:${deadline.dueAt}`,
      metadataFor: () => ({ policyVersion: state.policyVersion, subjectIds: [state.subjectId] }),
    });
  };
}

/** Every repair deadline still running and not yet missed, from the read model. */
export function openFaultDeadlines(db: SqlExecutor, schema: string): OpenDeadlineSource {
  return async function* () {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await db.query<{ fault_id: string; repair_due_at: Date | string }>(
        `SELECT fault_id::text AS fault_id, repair_due_at FROM ${schema}.faults
          WHERE status = 'open' AND repair_due_at IS NOT NULL
            AND missed_due_at IS DISTINCT FROM repair_due_at
            AND fault_id > $1::uuid ORDER BY fault_id LIMIT 1000`,
        [after],
      );
      for (const row of rows)
        yield repairDue(row.fault_id, new Date(row.repair_due_at).toISOString());
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].fault_id;
    }
  };
}
