import { Command } from 'commander';
import { AuditKeyError, TimeTravelInputError, UnmaskingUnavailableError } from '@sportello/audit';
import { DomainError } from '@sportello/decider';
import { EventStoreUnavailableError, ProjectionKeptMovingError } from '@sportello/eventstore';
import { asOfCommand } from './audit/as-of.command';
import { AuditCliError } from './audit/audit-context';
import { digestCommand } from './audit/digest.command';
import { exportCommand } from './audit/export.command';
import { rebuildCompareCommand } from './audit/rebuild-compare.command';
import { replayCommand } from './audit/replay.command';
import { verifyCommand } from './audit/verify.command';
import { tokenCommand, TokenRefused } from './token.command';

const program = new Command('sportello')
  .description('Sportello command-line tools')
  .addCommand(tokenCommand())
  .addCommand(replayCommand())
  .addCommand(asOfCommand())
  .addCommand(verifyCommand())
  .addCommand(rebuildCompareCommand())
  .addCommand(digestCommand())
  .addCommand(exportCommand());

/** Errors whose message is ours and safe to show; anything else is named only (it may quote data). */
const EXPLAINED = [
  TokenRefused,
  AuditCliError,
  AuditKeyError,
  TimeTravelInputError,
  UnmaskingUnavailableError,
  DomainError,
  EventStoreUnavailableError,
  ProjectionKeptMovingError,
];

program.parseAsync(process.argv).catch((error: unknown) => {
  const explained = EXPLAINED.some((kind) => error instanceof kind);
  const code = (error as { code?: unknown })?.code;
  const message = explained
    ? (error as Error).message
    : `${(error as Error)?.name ?? 'Error'}${typeof code === 'string' ? ` (${code})` : ''}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
