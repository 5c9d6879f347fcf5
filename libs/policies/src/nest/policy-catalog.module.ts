import { Global, Module } from '@nestjs/common';
import { loadPolicyCatalog, policiesDirectory } from '../policy-loader';
import { PolicyCatalog } from '../policy-catalog';
import { WhatIfRegistry } from './what-if.registry';

/** The policy data, loaded and validated once per process; a bad file stops the start-up. */
@Global()
@Module({
  providers: [
    { provide: PolicyCatalog, useFactory: () => loadPolicyCatalog(policiesDirectory()) },
    WhatIfRegistry,
  ],
  exports: [PolicyCatalog, WhatIfRegistry],
})
export class PolicyCatalogModule {}
