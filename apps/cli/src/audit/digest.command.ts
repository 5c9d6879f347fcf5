import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  AUDIT_SIGNING_KEY_VARIABLE,
  DigestStore,
  publicKeyFromPem,
  signingKeyFromPem,
} from '@sportello/audit';
import { SignedDigest, verifySignedDigest } from '@sportello/eventstore';
import { AuditCliError, ConnectionOptions, withAudit, withConnection } from './audit-context';
import { emit, FOUND_PROBLEMS } from './output';
import { positiveInteger } from './replay.command';

interface VerifyDigestOptions extends ConnectionOptions {
  publicKey?: string;
}

function readJson(path: string): SignedDigest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AuditCliError(`${path} is not a readable JSON digest`);
  }
  const digest = parsed as Partial<SignedDigest>;
  if (digest.format !== 'sportello-digest/1' || !Array.isArray(digest.heads))
    throw new AuditCliError(`${path} is not a sportello-digest/1 document`);
  return digest as SignedDigest;
}

/** The key to check with: a kept public key file, or the service key from the environment. */
function publicKey(options: VerifyDigestOptions) {
  if (options.publicKey) {
    let pem: string;
    try {
      pem = readFileSync(options.publicKey, 'utf8');
    } catch {
      throw new AuditCliError(`Cannot read ${options.publicKey}`);
    }
    return publicKeyFromPem(pem);
  }
  const configured = process.env[AUDIT_SIGNING_KEY_VARIABLE];
  if (!configured)
    throw new AuditCliError(
      `Give the kept public key with --public-key <file> (or set ${AUDIT_SIGNING_KEY_VARIABLE})`,
    );
  return signingKeyFromPem(configured.replace(/\\n/g, '\n'));
}

/** The signed daily digests: read the one kept by the service, or check one kept elsewhere. */
export function digestCommand(): Command {
  const get = withConnection(new Command('get'))
    .description('Print the signed digest of a day, to keep outside the system')
    .argument('<date>', 'the day (Europe/Rome), YYYY-MM-DD')
    .action((date: string, options: ConnectionOptions) =>
      withAudit(options, async (context) => {
        const digest = await new DigestStore(context.db, context.schema).find(date);
        if (!digest) throw new AuditCliError(`No digest for ${date}`);
        emit(options.json, digest, () => JSON.stringify(digest, null, 2));
      }),
    );
  const list = withConnection(new Command('list'))
    .description('The latest digests, newest first')
    .option('--limit <n>', 'how many', positiveInteger, 30)
    .action((options: ConnectionOptions & { limit: number }) =>
      withAudit(options, async (context) => {
        for (const item of await new DigestStore(context.db, context.schema).list(options.limit))
          emit(
            options.json,
            item,
            () =>
              `${item.date} ${item.createdAt} ${item.streams} streams ${item.root} ${item.keyId}`,
          );
      }),
    );
  const verify = withConnection(new Command('verify'))
    .description('Check a kept digest against the store as it is now (appends only → valid)')
    .argument('<file>', 'the digest JSON as kept')
    .option('--public-key <file>', 'the kept public key (PEM)')
    .action((file: string, options: VerifyDigestOptions) =>
      withAudit(options, async (context) => {
        const digest = readJson(file);
        const key = publicKey(options);
        const problems =
          key.keyId === digest.keyId
            ? await verifySignedDigest(context.store.storage, digest, key.publicKey)
            : [{ kind: 'unknown_key' as const }];
        const result = {
          valid: problems.length === 0,
          keyId: digest.keyId,
          streams: digest.streams,
          problems,
        };
        emit(options.json, result, () =>
          result.valid
            ? `VALID: ${digest.streams} stream heads unchanged since ${digest.createdAt}`
            : `INVALID: ${problems.map((p) => ('stream' in p ? `${p.kind} ${p.stream}` : p.kind)).join('; ')}`,
        );
        if (!result.valid) process.exitCode = FOUND_PROBLEMS;
      }),
    );
  return new Command('digest')
    .description('Signed daily digests of every stream head')
    .addCommand(get)
    .addCommand(list)
    .addCommand(verify);
}
