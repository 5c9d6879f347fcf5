import { Global, Module } from '@nestjs/common';
import { AuditCatalog } from './audit-catalog';

/** One catalog per process, which every ticket module may register into. */
@Global()
@Module({ providers: [AuditCatalog], exports: [AuditCatalog] })
export class AuditCatalogModule {}
