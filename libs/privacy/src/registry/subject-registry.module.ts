import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { PRIVACY_CONFIG, PrivacyConfig, resolvePrivacyConfig } from '../config/privacy-config';
import { BlindIndex } from './blind-index';
import { SubjectRegistry } from './subject-registry';

const REGISTRY_DDL_LOCK = 0x53_50_52_56; // 'SPRV'

/**
 * The subject registry for every feature that files personal data: global, so a feature's
 * controller only injects `SubjectRegistry`. Imported by the privacy modules of the API and the
 * worker.
 */
@Global()
@Module({
  providers: [
    {
      provide: PRIVACY_CONFIG,
      inject: [PLATFORM_CONFIG],
      useFactory: (platform: PlatformConfig) => resolvePrivacyConfig(process.env, platform),
    },
    {
      provide: SubjectRegistry,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG, PRIVACY_CONFIG],
      useFactory: (db: SqlExecutor, platform: PlatformConfig, config: PrivacyConfig) =>
        new SubjectRegistry(db, new BlindIndex(config.indexKey), platform.database.schema),
    },
  ],
  exports: [PRIVACY_CONFIG, SubjectRegistry],
})
export class SubjectRegistryModule implements OnModuleInit {
  constructor(
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [REGISTRY_DDL_LOCK]);
      await tx.exec(SubjectRegistry.ddl(this.platform.database.schema));
    });
  }
}
