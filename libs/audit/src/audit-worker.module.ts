import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Clock, CLOCK } from '@sportello/clock';
import { SealingEventStore } from '@sportello/eventstore';
import { DeadlineRegistry, DeadlineScheduler, TimersWorkerModule } from '@sportello/timers';
import { auditSharedProviders } from './audit.providers';
import { DAILY_DIGEST } from './domain/daily-digest';
import { AUDIT_SIGNING_KEY, AuditSigningKey } from './signing-digests/audit-signing-key';
import { dailyDigestHandler, openDigestTimers } from './signing-digests/daily-digest-timer';
import { DigestStore } from './signing-digests/digest-store';

/** Takes the signed digest of every day, at the next midnight (Europe/Rome). */
@Injectable()
export class AuditBackground implements OnModuleInit {
  constructor(
    private readonly deadlines: DeadlineRegistry,
    private readonly scheduler: DeadlineScheduler,
    private readonly store: SealingEventStore,
    private readonly digests: DigestStore,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: AuditSigningKey,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.digests.init();
    this.deadlines.register(
      DAILY_DIGEST,
      dailyDigestHandler(this.store.storage, this.digests, this.key, this.clock, this.scheduler),
      openDigestTimers(this.digests, this.clock),
    );
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [...auditSharedProviders, AuditBackground],
  exports: [AuditBackground],
})
export class AuditWorkerModule {}
