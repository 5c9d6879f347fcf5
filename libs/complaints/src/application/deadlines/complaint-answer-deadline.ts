import { CommandHandler, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import {
  Deadline,
  DeadlineHandler,
  DeadlineScheduler,
  OpenDeadlineSource,
} from '@sportello/timers';
import { complaintDecider } from '../../domain/complaint.decider';
import { ComplaintEvent } from '../../domain/complaint.events';

export const COMPLAINT_ANSWER_DUE = 'complaint-answer-due';

/** The system itself records a missed deadline; it is an actor in the log like any other. */
export const DEADLINE_TIMER_ACTOR = {
  id: 'system:deadline-timer',
  role: 'system',
  roles: ['system'],
} as const;

export function complaintStream(complaintId: string): string {
  return `complaint-${complaintId}`;
}

function answerDue(complaintId: string, dueAt: string): Deadline {
  return { stream: complaintStream(complaintId), kind: COMPLAINT_ANSWER_DUE, dueAt };
}

/** Keeps one armed timer per open complaint, following the deadline as the log moves it. */
/** The events `followComplaintDeadline` acts on. */
export const COMPLAINT_DEADLINE_EVENTS = [
  'ComplaintFiled',
  'ComplaintComplexityNoticeSent',
  'ComplaintAnswered',
] as const satisfies readonly ComplaintEvent['type'][];

export async function followComplaintDeadline(
  event: RecordedEvent,
  scheduler: DeadlineScheduler,
): Promise<void> {
  const e = event as unknown as ComplaintEvent;
  switch (e.type) {
    case 'ComplaintFiled':
      return scheduler.arm(answerDue(e.data.complaintId, e.data.answerDueAt));
    case 'ComplaintComplexityNoticeSent':
      await scheduler.cancel(answerDue(e.data.complaintId, e.data.previousAnswerDueAt));
      return scheduler.arm(answerDue(e.data.complaintId, e.data.answerDueAt));
    case 'ComplaintAnswered':
      return scheduler.cancel(answerDue(e.data.complaintId, e.data.answerDueAt));
    default:
      return;
  }
}

/** When the timer fires: the decider appends the miss only if it really happened (idempotent). */
export function complaintAnswerDeadlineHandler(commands: CommandHandler): DeadlineHandler {
  return async (deadline) => {
    await commands.handle(complaintDecider, {
      stream: deadline.stream,
      // The miss names ids and instants only: no personal field needs opening.
      sealed: true,
      command: { type: 'RecordAnswerDeadlineMissed', answerDueAt: deadline.dueAt },
      actor: DEADLINE_TIMER_ACTOR,
      correlationId: `deadline:${deadline.stream}:${deadline.kind}:${deadline.dueAt}`,
    });
  };
}

/** Every answer deadline still open, from the read model, for the reconciler. */
export function openComplaintDeadlines(db: SqlExecutor, schema: string): OpenDeadlineSource {
  return async function* () {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await db.query<{ complaint_id: string; answer_due_at: Date | string }>(
        `SELECT complaint_id::text AS complaint_id, answer_due_at FROM ${schema}.complaints
          WHERE status = 'open' AND NOT deadline_missed AND complaint_id > $1::uuid ORDER BY complaint_id LIMIT 1000`,
        [after],
      );
      for (const row of rows)
        yield answerDue(row.complaint_id, new Date(row.answer_due_at).toISOString());
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].complaint_id;
    }
  };
}
