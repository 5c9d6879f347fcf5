import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import {
  CommandHandler,
  EventSchemaRegistry,
  ProjectionRunner,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { DeadlineRegistry, DeadlineScheduler, TimersWorkerModule } from '@sportello/timers';
import {
  BILLING_COMPLAINT_REACTOR,
  BillingComplaintReactor,
} from './application/complaint-reactions/billing-complaint-reactor';
import { InvoiceNumbers } from './application/invoice-numbers/invoice-numbers';
import {
  BILLING_NON_PAYMENT_CHECK,
  followNonPaymentChecks,
  NON_PAYMENT_CHECK_EVENTS,
  nonPaymentCheckHandler,
  openNonPaymentChecks,
} from './application/non-payment/non-payment-deadline';
import { BILLING_POLICIES, BillingPolicies } from './application/policies/billing-policies';
import { RestartingSubscription } from './application/restarting-subscription';
import { billingEventSchemas } from './billing.schemas';
import { createBillingTables } from './billing.tables';
import { billingAccountsProjection } from './read-models/billing-accounts.projection';
import { billingProviders } from './policies/billing-policies.providers';

/**
 * The billing ledger's background work: the accounts read model, the reactor that mirrors
 * billing complaints on accounts, and the non-payment timers (BIL-5).
 */
@Injectable()
export class BillingBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(BillingBackground.name);
  private projection: ProjectionRunner;
  private readonly newRunner: () => ProjectionRunner;
  private projectionRetry: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly reactor: BillingComplaintReactor;
  private readonly subscriptions: RestartingSubscription[];

  constructor(
    private readonly registry: EventSchemaRegistry,
    store: SealingEventStore,
    private readonly commands: CommandHandler,
    private readonly deadlines: DeadlineRegistry,
    private readonly scheduler: DeadlineScheduler,
    invoiceNumbers: InvoiceNumbers,
    @Inject(BILLING_POLICIES) policies: BillingPolicies,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.newRunner = () =>
      new ProjectionRunner(db, store, billingAccountsProjection, {
        schema: config.database.schema,
        onError: (error) => this.projectionFailed(error),
      });
    this.projection = this.newRunner();
    this.reactor = new BillingComplaintReactor(store, commands, invoiceNumbers, policies);
    this.subscriptions = [
      new RestartingSubscription(
        store,
        BILLING_COMPLAINT_REACTOR,
        (event) => this.reactor.handle(event),
        (error) => this.logger.error(`Billing complaint reactor stopped: ${String(error)}`),
      ),
      new RestartingSubscription(
        store,
        'billing-non-payment-timers',
        (event) => followNonPaymentChecks(event, this.scheduler),
        (error) => this.logger.error(`Billing timers stopped: ${String(error)}`),
        NON_PAYMENT_CHECK_EVENTS,
      ),
    ];
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(billingEventSchemas));
    await createBillingTables(this.db, this.config.database.schema);
    this.deadlines.register(
      BILLING_NON_PAYMENT_CHECK,
      nonPaymentCheckHandler(this.commands),
      openNonPaymentChecks(this.db, this.config.database.schema),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    for (const subscription of this.subscriptions) subscription.start();
  }

  /** For tests and operations: resolves once the read model and the reactors have seen the log. */
  async caughtUp(): Promise<void> {
    await this.projection.caughtUp();
    for (const subscription of this.subscriptions) await subscription.caughtUp();
  }

  /** A failed runner stays failed (e.g. after a database blip): a new one resumes from the checkpoint. */
  private projectionFailed(error: unknown): void {
    this.logger.error(`Projection billing_accounts stopped: ${String(error)}`);
    if (this.stopping) return;
    this.projectionRetry = setTimeout(() => {
      this.projection = this.newRunner();
      this.projection.start().catch((e: unknown) => this.projectionFailed(e));
    }, 5_000);
    this.projectionRetry.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.projectionRetry) clearTimeout(this.projectionRetry);
    for (const subscription of this.subscriptions) await subscription.stop();
    await this.projection.stop();
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [...billingProviders, BillingBackground],
  exports: [BillingBackground],
})
export class BillingWorkerModule {}
