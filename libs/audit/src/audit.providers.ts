import { Provider } from '@nestjs/common';
import { SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig, PreflightError } from '@sportello/platform';
import {
  AUDIT_SIGNING_KEY,
  AuditKeyError,
  resolveAuditSigningKey,
} from './signing-digests/audit-signing-key';
import { DigestStore } from './signing-digests/digest-store';

/** What the API and the worker share: the service signing key and the digests table. */
export const auditSharedProviders: Provider[] = [
  {
    provide: AUDIT_SIGNING_KEY,
    inject: [PLATFORM_CONFIG],
    useFactory: (config: PlatformConfig) => {
      try {
        return resolveAuditSigningKey(process.env, config);
      } catch (error) {
        // A clean refusal at start-up, like any other configuration problem.
        if (error instanceof AuditKeyError) throw new PreflightError(error.message);
        throw error;
      }
    },
  },
  {
    provide: DigestStore,
    inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
    useFactory: (db: SqlExecutor, config: PlatformConfig) =>
      new DigestStore(db, config.database.schema),
  },
];
