import { Module } from '@nestjs/common';
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { DIRECTORY_POLICIES } from '../application/directory-policies.port';
import { CatalogDirectoryPolicies } from './catalog-directory-policies';

@Module({
  imports: [PolicyCatalogModule],
  providers: [
    {
      provide: DIRECTORY_POLICIES,
      inject: [PolicyCatalog],
      useFactory: (catalog: PolicyCatalog) => new CatalogDirectoryPolicies(catalog),
    },
  ],
  exports: [DIRECTORY_POLICIES],
})
export class DirectoryPoliciesModule {}
