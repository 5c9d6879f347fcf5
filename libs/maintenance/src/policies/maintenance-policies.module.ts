import { Module } from '@nestjs/common';
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { MAINTENANCE_POLICIES } from '../application/maintenance-policies.port';
import { CatalogMaintenancePolicies } from './catalog-maintenance-policies';

@Module({
  imports: [PolicyCatalogModule],
  providers: [
    {
      provide: MAINTENANCE_POLICIES,
      inject: [PolicyCatalog],
      useFactory: (catalog: PolicyCatalog) => new CatalogMaintenancePolicies(catalog),
    },
  ],
  exports: [MAINTENANCE_POLICIES],
})
export class MaintenancePoliciesModule {}
