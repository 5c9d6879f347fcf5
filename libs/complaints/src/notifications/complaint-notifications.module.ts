import { Module, OnModuleInit } from '@nestjs/common';
import { NotificationRuleRegistry, NotificationsWorkerModule } from '@sportello/notifications';
import { complaintNotifications } from './complaint-notifications';

/** Worker side: registers the complaints' notification rules (NTF-1, NTF-2). */
@Module({ imports: [NotificationsWorkerModule] })
export class ComplaintNotificationsModule implements OnModuleInit {
  constructor(private readonly notifications: NotificationRuleRegistry) {}

  onModuleInit(): void {
    this.notifications.register(complaintNotifications);
  }
}
