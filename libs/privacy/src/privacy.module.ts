import { Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SqlKeyVault } from '@sportello/eventstore';
import { RequestContext } from '@sportello/platform';
import { PersonalDataAccessInterceptor } from './access/personal-data-access.interceptor';
import { PersonalDataReads } from './access/personal-data-reads';
import { PrivacyHttpController } from './http/privacy.http.controller';
import { PrivacyCoreModule } from './privacy-core.module';

/**
 * The privacy officer's API (`/v1/privacy`), and around every request the record of whose
 * personal data it opened (and, on reads, the corrected values in place of replaced ones).
 */
@Module({
  imports: [PrivacyCoreModule],
  controllers: [PrivacyHttpController],
  providers: [
    {
      provide: PersonalDataReads,
      inject: [RequestContext],
      useFactory: (context: RequestContext) => new PersonalDataReads(context),
    },
    { provide: APP_INTERCEPTOR, useClass: PersonalDataAccessInterceptor },
  ],
})
export class PrivacyModule implements OnModuleInit {
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly vault: SqlKeyVault,
    private readonly reads: PersonalDataReads,
  ) {}

  onModuleInit(): void {
    this.stopListening ??= this.vault.onKeyRead(this.reads.onKeyRead);
  }
}
