import { Module } from '@nestjs/common';
import { ActivationsWorkerModule } from '@sportello/activations';
import { AssistanceWorkerModule } from '@sportello/assistance';
import { AuditWorkerModule } from '@sportello/audit';
import { BillingWorkerModule } from '@sportello/billing';
import { BillingIncidentsWorkerModule } from '@sportello/billing-incidents';
import { BillingIncidentNotificationsModule } from '@sportello/billing-incidents/notifications/billing-incident-notifications.module';
import { ComplaintsWorkerModule } from '@sportello/complaints';
import { ComplaintNotificationsModule } from '@sportello/complaints/notifications/complaint-notifications.module';
import { DirectoryErrorsWorkerModule } from '@sportello/directory';
import { FaultsWorkerModule } from '@sportello/faults';
import { FaultNotificationsModule } from '@sportello/faults/notifications/fault-notifications.module';
import { IndemnitiesWorkerModule } from '@sportello/indemnities';
import { MaintenanceWindowsWorkerModule } from '@sportello/maintenance';
import { NotificationsWorkerModule } from '@sportello/notifications';
import { MaintenanceModule } from '@sportello/platform';
import { PrivacyWorkerModule } from '@sportello/privacy';
import { QualityWorkerModule } from '@sportello/quality';

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
    BillingIncidentsWorkerModule,
    BillingIncidentNotificationsModule,
    BillingWorkerModule,
    FaultsWorkerModule,
    FaultNotificationsModule,
    ActivationsWorkerModule,
    AssistanceWorkerModule,
    MaintenanceWindowsWorkerModule,
    DirectoryErrorsWorkerModule,
    IndemnitiesWorkerModule,
    QualityWorkerModule,
    PrivacyWorkerModule,
    AuditWorkerModule,
  ],
})
export class WorkerProcessorsModule {}
