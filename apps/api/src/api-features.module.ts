import { Module } from '@nestjs/common';
import { ActivationsModule } from '@sportello/activations';
import { AssistanceModule } from '@sportello/assistance';
import { AuditModule } from '@sportello/audit';
import { BillingModule } from '@sportello/billing';
import { BillingIncidentsModule } from '@sportello/billing-incidents';
import { ComplaintsModule } from '@sportello/complaints';
import { DirectoryErrorsModule } from '@sportello/directory';
import { FaultsModule } from '@sportello/faults';
import { IndemnitiesModule } from '@sportello/indemnities';
import { MaintenanceWindowsModule } from '@sportello/maintenance';
import { PoliciesHttpModule } from '@sportello/policies';
import { PrivacyModule } from '@sportello/privacy';
import { QualityModule } from '@sportello/quality';

/**
 * The HTTP features of Sportello. Each feature's HTTP module is imported here, so the API
 * process and the all-in-one process serve the same routes.
 */
@Module({
  imports: [
    PoliciesHttpModule,
    ComplaintsModule,
    BillingIncidentsModule,
    BillingModule,
    FaultsModule,
    ActivationsModule,
    AssistanceModule,
    MaintenanceWindowsModule,
    DirectoryErrorsModule,
    IndemnitiesModule,
    QualityModule,
    PrivacyModule,
    AuditModule,
  ],
})
export class ApiFeaturesModule {}
