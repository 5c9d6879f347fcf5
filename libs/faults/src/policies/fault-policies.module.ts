import { Module } from '@nestjs/common';
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { FAULT_POLICIES } from '../application/fault-policies.port';
import { CatalogFaultPolicies } from './catalog-fault-policies';

@Module({
  imports: [PolicyCatalogModule],
  providers: [
    {
      provide: FAULT_POLICIES,
      inject: [PolicyCatalog],
      useFactory: (catalog: PolicyCatalog) => new CatalogFaultPolicies(catalog),
    },
  ],
  exports: [FAULT_POLICIES],
})
export class FaultPoliciesModule {}
