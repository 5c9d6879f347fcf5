import { Module } from '@nestjs/common';
import { BillingModule } from '@sportello/billing';
import { BillingIncidentsModule } from '@sportello/billing-incidents';
import { ComplaintsModule } from '@sportello/complaints';
import { PoliciesHttpModule } from '@sportello/policies';

/**
 * The HTTP features of Sportello. Each feature's HTTP module is imported here, so the API
 * process and the all-in-one process serve the same routes.
 */
@Module({
  imports: [PoliciesHttpModule, ComplaintsModule, BillingModule, BillingIncidentsModule],
})
export class ApiFeaturesModule {}
