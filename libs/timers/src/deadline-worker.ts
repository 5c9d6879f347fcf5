import { ConnectionOptions, DelayedError, Job, Worker } from 'bullmq';
import { Clock } from '@sportello/clock';
import { Deadline, isDeadline } from './deadline';

/** Re-reads the stream and records the miss only if the deadline really was missed. */
export type DeadlineHandler = (deadline: Deadline) => Promise<void>;

export interface DeadlineWorkerOptions {
  queueName: string;
  connection: ConnectionOptions;
  prefix?: string;
  concurrency?: number;
  handlers: Record<string, DeadlineHandler>;
  clock: Clock;
}

/** Wakes the system at each deadline. A job that wakes early goes back to sleep until due. */
export function startDeadlineWorker(options: DeadlineWorkerOptions): Worker {
  return new Worker(
    options.queueName,
    async (job: Job, token?: string) => {
      if (!isDeadline(job.data)) throw new Error(`Job ${job.id} does not carry a deadline`);
      const deadline = job.data;
      const handler = options.handlers[deadline.kind];
      if (!handler) throw new Error(`No handler for deadline kind ${deadline.kind}`);
      const early = Date.parse(deadline.dueAt) - options.clock.now().getTime();
      if (early > 0) {
        // BullMQ schedules on Redis's real time, so the wake-up is real now plus what our clock lacks.
        await job.moveToDelayed(Date.now() + early, token);
        throw new DelayedError();
      }
      await handler(deadline);
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 50,
      autorun: true,
    },
  );
}
