import { Module } from '@nestjs/common';
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { COMPLAINT_POLICIES } from '../application/complaint-policies.port';
import { CatalogComplaintPolicies } from './catalog-complaint-policies';

@Module({
  imports: [PolicyCatalogModule],
  providers: [
    {
      provide: COMPLAINT_POLICIES,
      inject: [PolicyCatalog],
      useFactory: (catalog: PolicyCatalog) => new CatalogComplaintPolicies(catalog),
    },
  ],
  exports: [COMPLAINT_POLICIES],
})
export class ComplaintPoliciesModule {}
