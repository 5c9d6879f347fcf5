import { Command } from 'commander';
import { ProjectionAudit } from '@sportello/audit';
import { ProjectionComparison, REBUILD_BATCH_SIZE } from '@sportello/eventstore';
import { ConnectionOptions, withAudit, withConnection } from './audit-context';
import { emit, FOUND_PROBLEMS, progressBar } from './output';
import { positiveInteger } from './replay.command';

interface CompareOptions extends ConnectionOptions {
  maxDifferences: number;
  batchSize: number;
}

function describe(c: ProjectionComparison): string {
  const head = `${c.projection}: ${c.differenceCount} difference(s) after ${c.eventsApplied} events (${c.tables
    .map((t) => `${t.table} ${t.liveRows}/${t.rebuiltRows}`)
    .join(', ')})`;
  return [
    head,
    ...c.differences.map(
      (d) =>
        `  ${d.table} ${JSON.stringify(d.key)} ${d.kind}${
          d.kind === 'changed' ? ` ${d.columns.map((col) => col.column).join(',')}` : ''
        }`,
    ),
  ].join('\n');
}

/** Rebuilds read models from zero into shadow tables and lists every row that differs from live. */
export function rebuildCompareCommand(): Command {
  return withConnection(new Command('rebuild-compare'))
    .description('Rebuild read models from position zero into shadow tables and compare with live')
    .argument('[read-models...]', 'which ones (all the registered ones when omitted)')
    .option('--max-differences <n>', 'differences listed per read model', positiveInteger, 1_000)
    .option(
      '--batch-size <n>',
      'events applied per transaction',
      positiveInteger,
      REBUILD_BATCH_SIZE,
    )
    .action((names: string[], options: CompareOptions) =>
      withAudit(options, async (context) => {
        const storage = context.store.storage;
        const head = await storage.headCheckpoint();
        const total = head === null ? 0 : (storage.eventsBetween?.(null, head) ?? null);
        const audit = new ProjectionAudit(
          context.catalog,
          context.db,
          context.store,
          context.schema,
        );
        let bar = progressBar(false, '', null);
        const report = await audit
          .compare(names, {
            maxDifferences: options.maxDifferences,
            batchSize: options.batchSize,
            onProjection: (name) => {
              bar.stop();
              bar = progressBar(options.progress, name, total);
            },
            onProgress: (_name, read) => bar.update(read),
          })
          .finally(() => bar.stop());
        for (const comparison of report.projections)
          emit(options.json, comparison, () => describe(comparison));
        if (report.differenceCount > 0) process.exitCode = FOUND_PROBLEMS;
      }),
    );
}
