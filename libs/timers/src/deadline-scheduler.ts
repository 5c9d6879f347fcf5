import { Queue } from 'bullmq';
import { Clock } from '@sportello/clock';
import { Deadline, deadlineJobId } from './deadline';

export const DEADLINE_JOB = 'deadline';

/** Arms and cancels deadline timers as delayed BullMQ jobs; the event log stays the truth. */
export class DeadlineScheduler {
  constructor(
    readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  async arm(deadline: Deadline): Promise<void> {
    const delay = Math.max(0, Date.parse(deadline.dueAt) - this.clock.now().getTime());
    await this.queue.add(
      DEADLINE_JOB,
      { stream: deadline.stream, kind: deadline.kind, dueAt: deadline.dueAt } satisfies Deadline,
      {
        jobId: deadlineJobId(deadline),
        delay,
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  /**
   * Like `arm`, and also revives a job that exhausted its retries (a failed job keeps its id,
   * which would otherwise make re-arming a silent no-op).
   */
  async ensureArmed(deadline: Deadline): Promise<void> {
    const existing = await this.queue.getJob(deadlineJobId(deadline));
    if (existing && (await existing.isFailed())) {
      await existing.retry('failed');
      return;
    }
    if (!existing) await this.arm(deadline);
  }

  async cancel(deadline: Deadline): Promise<void> {
    const job = await this.queue.getJob(deadlineJobId(deadline));
    if (job && !(await job.isActive())) await job.remove();
  }

  /**
   * With a test clock, real-time delays mean nothing: after the clock moves, every job whose
   * due instant has passed is released at once.
   */
  async releaseDue(): Promise<number> {
    const now = this.clock.now().getTime();
    let released = 0;
    for (let start = 0; ;) {
      const jobs = await this.queue.getDelayed(start, start + 499);
      let kept = 0;
      for (const job of jobs) {
        if (Date.parse((job.data as Deadline).dueAt) <= now) {
          await job.promote();
          released += 1;
        } else kept += 1;
      }
      if (jobs.length < 500) return released;
      // A promoted job leaves the delayed set and those after it move up: only the kept count.
      start += kept;
    }
  }
}
