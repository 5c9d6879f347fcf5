import { Module } from '@nestjs/common';
import { loadPolicyCatalog, policiesDirectory } from '@sportello/policies';
import { BILLING_INCIDENT_POLICIES } from '../application/billing-incident-policies.port';
import { CatalogBillingIncidentPolicies } from './catalog-billing-incident-policies';

@Module({
  providers: [
    {
      provide: BILLING_INCIDENT_POLICIES,
      useFactory: () => new CatalogBillingIncidentPolicies(loadPolicyCatalog(policiesDirectory())),
    },
  ],
  exports: [BILLING_INCIDENT_POLICIES],
})
export class BillingIncidentPoliciesModule {}
