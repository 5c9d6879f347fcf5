import { Clock } from '@sportello/clock';
import { createSignedDigest, EventStorage } from '@sportello/eventstore';
import {
  Deadline,
  DeadlineHandler,
  DeadlineScheduler,
  OpenDeadlineSource,
} from '@sportello/timers';
import {
  DAILY_DIGEST,
  digestDateAt,
  digestDateOfTimer,
  digestDatesToArm,
  digestDueAt,
  digestTimerId,
} from '../domain/daily-digest';
import { AuditSigningKey } from './audit-signing-key';
import { DigestStore } from './digest-store';

const timer = (date: string): Deadline => ({
  stream: digestTimerId(date),
  kind: DAILY_DIGEST,
  dueAt: digestDueAt(date),
});

/**
 * Takes the day's digest once (the table, not Redis, is the truth), then arms the current
 * day's: a worker that wakes late never replays the days in between one by one.
 */
export function dailyDigestHandler(
  storage: EventStorage,
  digests: DigestStore,
  key: AuditSigningKey,
  clock: Clock,
  scheduler: DeadlineScheduler,
): DeadlineHandler {
  return async (deadline) => {
    const date = digestDateOfTimer(deadline.stream);
    if (!date) throw new Error('Not a daily digest timer');
    if (!(await digests.find(date)))
      await digests.save(date, await createSignedDigest(storage, key, clock.now()));
    const today = digestDateAt(clock.now().toISOString());
    await scheduler.arm(timer(today > date ? today : date));
  };
}

/** For the reconciler: today's digest, and yesterday's if it was missed. */
export function openDigestTimers(digests: DigestStore, clock: Clock): OpenDeadlineSource {
  return async function* () {
    const last = await digests.lastDate();
    for (const { date } of digestDatesToArm(clock.now().toISOString(), last))
      if (!(await digests.find(date))) yield timer(date);
  };
}
