import { Command } from 'commander';
import { verifyAll, verifyStream, VerificationReport } from '@sportello/eventstore';
import { ConnectionOptions, withAudit, withConnection } from './audit-context';
import { emit, FOUND_PROBLEMS, progressBar } from './output';
import { positiveInteger } from './replay.command';

interface VerifyOptions extends ConnectionOptions {
  stream?: string;
  batchSize: number;
}

function describe(report: VerificationReport): string {
  const counts = `${report.eventsChecked} events in ${report.streamsChecked} streams`;
  if (report.ok) return `OK: hash chain intact (${counts})`;
  const b = report.firstBreak!;
  return `BROKEN: ${b.kind} at ${b.stream}@${b.revision}, position ${b.position}, event ${b.eventId} (after ${counts})`;
}

/** Re-hashes one stream or the whole store (one streaming pass) and reports the first break. */
export function verifyCommand(): Command {
  return withConnection(new Command('verify'))
    .description('Verify the hash chain of one stream or of the whole store')
    .option('--stream <name>', 'only this stream')
    .option('--batch-size <n>', 'events read per round trip', positiveInteger, 2_000)
    .action((options: VerifyOptions) =>
      withAudit(options, async (context) => {
        const storage = context.store.storage;
        let report: VerificationReport;
        const started = Date.now();
        if (options.stream) report = await verifyStream(storage, options.stream);
        else {
          const head = await storage.headCheckpoint();
          const total = head === null ? 0 : (storage.eventsBetween?.(null, head) ?? null);
          const bar = progressBar(options.progress, 'verify', total);
          try {
            report = await verifyAll(storage, (checked) => bar.update(checked), {
              pageSize: options.batchSize,
            });
          } finally {
            bar.stop();
          }
        }
        const seconds = (Date.now() - started) / 1000;
        const result = {
          scope: options.stream ? 'stream' : 'store',
          ...(options.stream ? { stream: options.stream } : {}),
          ...report,
          seconds,
          eventsPerSecond: seconds > 0 ? Math.round(report.eventsChecked / seconds) : null,
        };
        emit(options.json, result, () => describe(report));
        if (!report.ok) process.exitCode = FOUND_PROBLEMS;
      }),
    );
}
