import { fold } from '@sportello/decider';
import { CommandHandler, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import {
  Deadline,
  DeadlineHandler,
  DeadlineScheduler,
  OpenDeadlineSource,
} from '@sportello/timers';
import { activationDecider } from '../../domain/activation.decider';
import { ActivationEvent } from '../../domain/activation.events';
import { activationIdOfStream, activationStream } from '../activation-streams';

/** The deadline kind of an activation or relocation request (ACT-1, ACT-2, ACT-9, ACT-10). */
export const ACTIVATION_DUE = 'activation-due';

/** The system itself records a missed deadline; it is an actor in the log like any other. */
export const ACTIVATION_TIMER_ACTOR = {
  id: 'system:deadline-timer',
  role: 'system',
  roles: ['system'],
} as const;

/** Ids only: the stream, the kind and the due instant (the job id derives from all three). */
function activationDue(activationId: string, dueAt: string): Deadline {
  return { stream: activationStream(activationId), kind: ACTIVATION_DUE, dueAt };
}

/** Reads a stream: to find the deadline a cancellation leaves behind. */
export type StreamReader = (stream: string) => Promise<RecordedEvent[]>;

async function move(
  scheduler: DeadlineScheduler,
  activationId: string,
  previous: string | null,
  next: string | null,
): Promise<void> {
  if (previous !== null && previous !== next)
    await scheduler.cancel(activationDue(activationId, previous));
  if (next !== null) await scheduler.arm(activationDue(activationId, next));
}

/**
 * Keeps one armed timer per pending request, following the activation deadline as the log moves
 * it: armed at the request, moved by the technical check (AMB-8), pauses and resumes (CAL-8) and
 * a delay notice (ACT-10), cancelled by the activation or the cancellation.
 */
/** The events `followActivationDeadline` acts on. */
export const ACTIVATION_DEADLINE_EVENTS = [
  'ActivationRequested',
  'TechnicalCheckRecorded',
  'ActivationClockPaused',
  'ActivationClockResumed',
  'ActivationDelayNotified',
  'ServiceActivated',
  'ActivationRequestCancelled',
] as const satisfies readonly ActivationEvent['type'][];

export async function followActivationDeadline(
  event: RecordedEvent,
  scheduler: DeadlineScheduler,
  read: StreamReader,
): Promise<void> {
  const activationId = activationIdOfStream(event.stream);
  if (!activationId) return;
  const e = event as unknown as ActivationEvent;
  switch (e.type) {
    case 'ActivationRequested':
      return move(scheduler, activationId, null, e.data.activationDueAt);
    case 'TechnicalCheckRecorded':
    case 'ActivationClockPaused':
    case 'ActivationClockResumed':
    case 'ActivationDelayNotified':
      return move(scheduler, activationId, e.data.previousActivationDueAt, e.data.activationDueAt);
    case 'ServiceActivated':
      return move(scheduler, activationId, e.data.activationDueAt, null);
    case 'ActivationRequestCancelled': {
      const before = (await read(event.stream)).filter((r) => r.revision < event.revision);
      const state = fold(activationDecider, before as unknown as ActivationEvent[]);
      if (state.status !== 'none') await move(scheduler, activationId, state.activationDueAt, null);
      return;
    }
    default:
      return;
  }
}

/** When the timer fires: the decider appends the miss only if it really happened (idempotent). */
export function activationDeadlineHandler(commands: CommandHandler): DeadlineHandler {
  return async (deadline) => {
    const { state } = await commands.load(activationDecider, deadline.stream);
    if (state.status !== 'requested') return;
    await commands.handle(activationDecider, {
      stream: deadline.stream,
      // The miss names ids and instants only: no personal field needs opening.
      sealed: true,
      command: { type: 'RecordActivationDeadlineMissed', activationDueAt: deadline.dueAt },
      actor: ACTIVATION_TIMER_ACTOR,
      correlationId: `deadline:${deadline.stream}:${deadline.kind}:${deadline.dueAt}`,
      metadataFor: () => ({ policyVersion: state.policyVersion, subjectIds: [state.subjectId] }),
    });
  };
}

/** Every activation deadline still running and not yet missed, from the read model. */
export function openActivationDeadlines(db: SqlExecutor, schema: string): OpenDeadlineSource {
  return async function* () {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await db.query<{ activation_id: string; activation_due_at: Date | string }>(
        `SELECT activation_id::text AS activation_id, activation_due_at FROM ${schema}.activations
          WHERE status = 'requested' AND activation_due_at IS NOT NULL
            AND missed_due_at IS DISTINCT FROM activation_due_at
            AND activation_id > $1::uuid ORDER BY activation_id LIMIT 1000`,
        [after],
      );
      for (const row of rows)
        yield activationDue(row.activation_id, new Date(row.activation_due_at).toISOString());
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].activation_id;
    }
  };
}
