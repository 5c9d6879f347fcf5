import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { IdempotencyStore } from '../idempotency/idempotency-store';

export const MAINTENANCE_QUEUE = 'maintenance';
export const PURGE_IDEMPOTENCY_KEYS = 'purge-idempotency-keys';
const HOURLY = 3_600_000;

/** Housekeeping jobs of the platform; the payloads carry no data at all. */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(private readonly idempotency: IdempotencyStore) {
    super();
  }

  async process(job: Job): Promise<{ purged: number }> {
    if (job.name !== PURGE_IDEMPOTENCY_KEYS)
      throw new Error(`Unknown maintenance job: ${job.name}`);
    const purged = await this.idempotency.purgeExpired();
    if (purged > 0) this.logger.log(`Purged ${purged} expired idempotency keys`);
    return { purged };
  }
}

/** Keeps one hourly schedule per deployment (upserted, so every worker start is harmless). */
@Injectable()
export class MaintenanceSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PURGE_IDEMPOTENCY_KEYS,
      { every: HOURLY },
      {
        name: PURGE_IDEMPOTENCY_KEYS,
        data: {},
        opts: { removeOnComplete: 24, removeOnFail: 100, attempts: 3 },
      },
    );
  }
}

@Module({
  imports: [BullModule.registerQueue({ name: MAINTENANCE_QUEUE })],
  providers: [MaintenanceProcessor, MaintenanceSchedule],
})
export class MaintenanceModule {}
