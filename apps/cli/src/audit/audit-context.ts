import { Command, InvalidArgumentError, Option } from 'commander';
import { v7 as uuidv7 } from 'uuid';
import {
  accessStream,
  AuditCatalog,
  AuditLog,
  AuditView,
  personalDataAccessDecider,
  SqlErasureLookup,
} from '@sportello/audit';
import { SystemClock } from '@sportello/clock';
import {
  assertSchemaName,
  CommandHandler,
  KeyWrapper,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
  SqlKeyVault,
  SubjectKeyVault,
} from '@sportello/eventstore';
import { cliAuditCatalog, cliSchemaRegistry } from './cli-audit-catalog';

/** Refused for a reason the person at the terminal can fix; the message is for them. */
export class AuditCliError extends Error {}

export interface ConnectionOptions {
  databaseUrl?: string;
  schema: string;
  json?: boolean;
  progress: boolean;
}

export interface UnmaskOptions {
  unmask?: boolean;
  reason?: string;
  actor?: string;
}

/** Without the master key nothing can be opened: personal fields read as erased. */
class LockedVault implements SubjectKeyVault {
  keyFor(): Promise<Buffer> {
    throw new AuditCliError('Set KEY_VAULT_MASTER_KEY to record personal data');
  }
  findKey(): Promise<Buffer | null> {
    return Promise.resolve(null);
  }
  destroy(): Promise<boolean> {
    throw new AuditCliError('The audit CLI never destroys keys');
  }
  isDestroyed(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

function parseSchema(value: string): string {
  try {
    return assertSchemaName(value);
  } catch {
    throw new InvalidArgumentError('a plain lower-case SQL identifier, e.g. sportello');
  }
}

/** The options every audit command takes: where the store is, and how to print. */
export function withConnection(command: Command): Command {
  return command
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL URL of the store').env('DATABASE_URL'),
    )
    .addOption(
      new Option('--schema <name>', 'schema of the store')
        .env('DATABASE_SCHEMA')
        .default('sportello')
        .argParser(parseSchema),
    )
    .option('--json', 'machine-readable output: one JSON object per line')
    .option('--no-progress', 'no progress bar on stderr');
}

export function withUnmask(command: Command): Command {
  return command
    .option('--unmask', 'show personal data in clear (recorded as an access; needs --reason)')
    .option('--reason <text>', 'why personal data must be seen (no personal data in it)')
    .option('--actor <id>', 'the auditor’s id, recorded with the access');
}

export interface AuditContext {
  db: PgExecutor;
  schema: string;
  store: SealingEventStore;
  catalog: AuditCatalog;
  log: AuditLog;
  close(): Promise<void>;
}

/** Opens the store read through the audit library; nothing is created in the audited database. */
export async function openAudit(options: ConnectionOptions): Promise<AuditContext> {
  if (!options.databaseUrl)
    throw new AuditCliError('Give the store with --database-url (or DATABASE_URL)');
  try {
    new URL(options.databaseUrl);
  } catch {
    throw new AuditCliError('--database-url must be a postgres:// URL');
  }
  const db = new PgExecutor({ connectionString: options.databaseUrl, max: 4 });
  const storage = new PostgresEventStorage(db, options.schema);
  const masterKey = process.env.KEY_VAULT_MASTER_KEY;
  const vault = masterKey
    ? new SqlKeyVault(db, KeyWrapper.fromBase64(masterKey), options.schema)
    : new LockedVault();
  const registry = cliSchemaRegistry();
  const store = new SealingEventStore(
    storage,
    registry,
    new PersonalDataSealer(vault),
    new SystemClock(),
  );
  const { rows } = await db.query<{ exists: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [`${options.schema}.events`],
  );
  if (!rows[0].exists) {
    await db.close();
    throw new AuditCliError(`No event store in schema ${options.schema}`);
  }
  return {
    db,
    schema: options.schema,
    store,
    catalog: cliAuditCatalog(),
    log: new AuditLog(
      storage,
      registry,
      new SqlErasureLookup(db, options.schema),
      masterKey ? store : null,
    ),
    close: () => db.close(),
  };
}

/** PRV-1 from the terminal: the same rule and the same recorded access as over HTTP. */
export function viewOf(context: AuditContext, options: UnmaskOptions): AuditView {
  if (!options.unmask) return { kind: 'masked' };
  if (!options.actor) throw new AuditCliError('--unmask needs --actor <your auditor id>');
  if (!process.env.KEY_VAULT_MASTER_KEY)
    throw new AuditCliError('--unmask needs KEY_VAULT_MASTER_KEY to open personal data');
  const handler = new CommandHandler(context.store, new SystemClock());
  const actor = options.actor;
  return {
    kind: 'unmasked',
    reason: options.reason ?? '',
    record: async (command) => {
      const accessId = uuidv7();
      await handler.handle(personalDataAccessDecider, {
        stream: accessStream(accessId),
        command: { type: 'RecordPersonalDataAccess', accessId, ...command },
        actor: { id: actor, role: 'auditor', roles: ['auditor'] },
        correlationId: uuidv7(),
        metadataFor: () => ({ subjectIds: command.subjectIds }),
      });
    },
  };
}

/** Runs a command body with the store open, closing it whatever happens. */
export async function withAudit<T>(
  options: ConnectionOptions,
  run: (context: AuditContext) => Promise<T>,
): Promise<T> {
  const context = await openAudit(options);
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}
