import { CommandHandler, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import {
  Deadline,
  DeadlineHandler,
  DeadlineScheduler,
  OpenDeadlineSource,
} from '@sportello/timers';
import { assistanceDecider } from '../../domain/assistance.decider';
import { AssistanceEvent } from '../../domain/assistance.events';
import { assistanceStream } from '../assistance-streams';

/** A session ends when its consent does (IMP-5, RAS-3): one timer per ticket and expiry. */
export const ASSISTANCE_CONSENT_EXPIRY = 'assistance-consent-expiry';

export const EXPIRY_TIMER_ACTOR = {
  id: 'system:consent-expiry-timer',
  role: 'system',
  roles: ['system'],
} as const;

const expiry = (ticketId: string, dueAt: string): Deadline => ({
  stream: assistanceStream(ticketId),
  kind: ASSISTANCE_CONSENT_EXPIRY,
  dueAt,
});

/**
 * Arms a timer when a session starts. An ended session's timer is left to fire: the decider then
 * finds nothing due (cancelling could drop another session's timer with the same instant).
 */
/** The events `followSessionExpiry` acts on. */
export const SESSION_EXPIRY_EVENTS = [
  'ImpersonationSessionStarted',
  'RemoteAssistanceSessionStarted',
] as const satisfies readonly AssistanceEvent['type'][];

export async function followSessionExpiry(
  event: RecordedEvent,
  scheduler: DeadlineScheduler,
): Promise<void> {
  const e = event as unknown as AssistanceEvent;
  if (e.type === 'ImpersonationSessionStarted' || e.type === 'RemoteAssistanceSessionStarted')
    await scheduler.arm(expiry(e.data.ticketId, e.data.expiresAt));
}

/** When the timer fires: every session of the ticket whose consent ran out is expired. */
export function sessionExpiryHandler(commands: CommandHandler): DeadlineHandler {
  return async (deadline) => {
    const { state } = await commands.load(assistanceDecider, deadline.stream);
    await commands.handle(assistanceDecider, {
      stream: deadline.stream,
      command: { type: 'ExpireDueSessions' },
      actor: EXPIRY_TIMER_ACTOR,
      correlationId: `deadline:${deadline.stream}:${deadline.kind}:${deadline.dueAt}`,
      metadataFor: () =>
        state.status === 'none'
          ? {}
          : { policyVersion: state.policyVersion, subjectIds: state.subjectIds },
    });
  };
}

/** Every live session, from the read model, for the reconciler. */
export function liveSessionExpiries(db: SqlExecutor, schema: string): OpenDeadlineSource {
  return async function* () {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await db.query<{
        session_id: string;
        ticket_id: string;
        expires_at: Date | string;
      }>(
        `SELECT session_id::text AS session_id, ticket_id::text AS ticket_id, expires_at
           FROM ${schema}.assistance_sessions
          WHERE status = 'active' AND session_id > $1::uuid ORDER BY session_id LIMIT 1000`,
        [after],
      );
      for (const row of rows) yield expiry(row.ticket_id, new Date(row.expires_at).toISOString());
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].session_id;
    }
  };
}
