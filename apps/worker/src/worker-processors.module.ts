import { Module } from '@nestjs/common';
import { BillingWorkerModule } from '@sportello/billing';
import { BillingIncidentsWorkerModule } from '@sportello/billing-incidents';
import { BillingIncidentNotificationsModule } from '@sportello/billing-incidents/notifications/billing-incident-notifications.module';
import { ComplaintsWorkerModule } from '@sportello/complaints';
import { ComplaintNotificationsModule } from '@sportello/complaints/notifications/complaint-notifications.module';
import { NotificationsWorkerModule } from '@sportello/notifications';
import { MaintenanceModule } from '@sportello/platform';

/**
 * The background work of Sportello: BullMQ processors and, as features arrive, projection
 * runners. Each feature's worker module is imported here.
 */
@Module({
  imports: [
    MaintenanceModule,
    ComplaintsWorkerModule,
    NotificationsWorkerModule,
    ComplaintNotificationsModule,
    BillingWorkerModule,
    BillingIncidentsWorkerModule,
    BillingIncidentNotificationsModule,
  ],
})
export class WorkerProcessorsModule {}
