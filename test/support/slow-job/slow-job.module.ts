import { BullModule, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Module } from '@nestjs/common';
import { Job } from 'bullmq';
import { Gate } from '../gate';

export const SLOW_QUEUE = 'test-slow';
export const SLOW_GATE = Symbol('SLOW_GATE');

/** A test-only job that waits at a gate, to have a job in flight during shutdown. */
@Processor(SLOW_QUEUE)
export class SlowJobProcessor extends WorkerHost {
  constructor(@Inject(SLOW_GATE) private readonly gate: Gate) {
    super();
  }

  async process(job: Job<{ n: number }>): Promise<{ doubled: number }> {
    await this.gate.pass();
    return { doubled: job.data.n * 2 };
  }
}

@Module({
  imports: [BullModule.registerQueue({ name: SLOW_QUEUE })],
  providers: [SlowJobProcessor, { provide: SLOW_GATE, useFactory: () => new Gate() }],
})
export class SlowJobTestModule {}
