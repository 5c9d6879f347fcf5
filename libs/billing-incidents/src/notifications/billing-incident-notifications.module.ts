import { Module, OnModuleInit } from '@nestjs/common';
import { NotificationRuleRegistry, NotificationsWorkerModule } from '@sportello/notifications';
import { billingIncidentNotifications } from './billing-incident-notifications';

/** Worker side: registers the billing-incident SMS rule (NTF-10) with the notification outbox. */
@Module({ imports: [NotificationsWorkerModule] })
export class BillingIncidentNotificationsModule implements OnModuleInit {
  constructor(private readonly notifications: NotificationRuleRegistry) {}

  onModuleInit(): void {
    this.notifications.register(billingIncidentNotifications);
  }
}
