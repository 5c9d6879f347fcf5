import { Module } from '@nestjs/common';
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { ACTIVATION_POLICIES } from '../application/activation-policies.port';
import { CatalogActivationPolicies } from './catalog-activation-policies';

@Module({
  imports: [PolicyCatalogModule],
  providers: [
    {
      provide: ACTIVATION_POLICIES,
      inject: [PolicyCatalog],
      useFactory: (catalog: PolicyCatalog) => new CatalogActivationPolicies(catalog),
    },
  ],
  exports: [ACTIVATION_POLICIES],
})
export class ActivationPoliciesModule {}
