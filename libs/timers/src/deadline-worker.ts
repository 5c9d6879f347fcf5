import { ConnectionOptions, DelayedError, Job, Worker } from 'bullmq';
import { Clock } from '@sportello/clock';
import { Deadline, isDeadline } from './deadline';

/** Re-reads the stream and records the miss only if the deadline really was missed. */
export type DeadlineHandler = (deadline: Deadline) => Promise<void>;

/**
 * Runs one deadline job: a job that wakes before its due instant (by our clock) goes back to
 * sleep; otherwise the handler for its kind decides whether anything was missed.
 */
export async function processDeadlineJob(
  job: Job,
  token: string | undefined,
  handlers: Readonly<Record<string, DeadlineHandler>>,
  clock: Clock,
): Promise<void> {
  if (!isDeadline(job.data)) throw new Error(`Job ${job.id} does not carry a deadline`);
  const deadline = job.data;
  const handler = handlers[deadline.kind];
  if (!handler) throw new Error(`No handler for deadline kind ${deadline.kind}`);
  const early = Date.parse(deadline.dueAt) - clock.now().getTime();
  if (early > 0) {
    // BullMQ schedules on Redis's real time, so the wake-up is real now plus what our clock lacks.
    await job.moveToDelayed(Date.now() + early, token);
    throw new DelayedError();
  }
  await handler(deadline);
}

export interface DeadlineWorkerOptions {
  queueName: string;
  connection: ConnectionOptions;
  prefix?: string;
  concurrency?: number;
  handlers: Record<string, DeadlineHandler>;
  clock: Clock;
}

/** A standalone worker (benchmarks, tests); the Nest worker process uses `DeadlineProcessor`. */
export function startDeadlineWorker(options: DeadlineWorkerOptions): Worker {
  return new Worker(
    options.queueName,
    (job: Job, token?: string) => processDeadlineJob(job, token, options.handlers, options.clock),
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 50,
      autorun: true,
    },
  );
}
