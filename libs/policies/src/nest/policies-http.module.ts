import { Module } from '@nestjs/common';
import { PoliciesHttpController } from './policies.http.controller';
import { PolicyCatalogModule } from './policy-catalog.module';

/** `/v1/policies`: the versions, their periods, and the what-if query. */
@Module({ imports: [PolicyCatalogModule], controllers: [PoliciesHttpController] })
export class PoliciesHttpModule {}
