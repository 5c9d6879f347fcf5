import { Module, OnModuleInit } from '@nestjs/common';
import { NotificationRuleRegistry, NotificationsWorkerModule } from '@sportello/notifications';
import { faultNotifications } from './fault-notifications';

/** Worker side: registers the faults' notification rules (NTF-7). */
@Module({ imports: [NotificationsWorkerModule] })
export class FaultNotificationsModule implements OnModuleInit {
  constructor(private readonly notifications: NotificationRuleRegistry) {}

  onModuleInit(): void {
    this.notifications.register(faultNotifications);
  }
}
