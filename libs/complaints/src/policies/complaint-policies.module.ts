import { Module } from '@nestjs/common';
import { loadPolicyCatalog, policiesDirectory } from '@sportello/policies';
import { COMPLAINT_POLICIES } from '../application/complaint-policies.port';
import { CatalogComplaintPolicies } from './catalog-complaint-policies';

@Module({
  providers: [
    {
      provide: COMPLAINT_POLICIES,
      useFactory: () => new CatalogComplaintPolicies(loadPolicyCatalog(policiesDirectory())),
    },
  ],
  exports: [COMPLAINT_POLICIES],
})
export class ComplaintPoliciesModule {}
