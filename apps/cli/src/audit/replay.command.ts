import { Command, InvalidArgumentError } from 'commander';
import { AuditedEvent } from '@sportello/audit';
import {
  ConnectionOptions,
  UnmaskOptions,
  viewOf,
  withAudit,
  withConnection,
  withUnmask,
} from './audit-context';
import { emit, progressBar } from './output';

export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('a whole number, at least 1');
  return Number(value);
}

export function revisionNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a revision: 0, 1, 2…');
  return Number(value);
}

interface ReplayOptions extends ConnectionOptions, UnmaskOptions {
  fromRevision?: number;
  after?: string;
  pageSize: number;
  max?: number;
}

function line(event: AuditedEvent): string {
  const meta = event.metadata as { recordedAt?: string; actor?: { id: string; role: string } };
  const hidden = event.masked.length ? ` masked=${event.masked.join(',')}` : '';
  const erased = event.erased.length ? ` erased=${event.erased.join(',')}` : '';
  return `${event.position} ${event.stream}@${event.revision} ${event.type} ${meta.recordedAt ?? ''} ${meta.actor?.role ?? ''}:${meta.actor?.id ?? ''}${hidden}${erased}`;
}

/** Replays one stream, or the whole global log, in pages; personal data masked unless unmasked. */
export function replayCommand(): Command {
  return withUnmask(withConnection(new Command('replay')))
    .description('Replay one stream or the global log, with metadata (personal data masked)')
    .argument('[stream]', 'a stream, e.g. complaint-<uuid>; the global log when omitted')
    .option('--from-revision <n>', 'first revision of the stream to show', revisionNumber)
    .option('--after <checkpoint>', 'continue the global log after this position')
    .option(
      '--page-size <n>',
      'events read per page (each unmasked page is one recorded access)',
      positiveInteger,
      500,
    )
    .option('--max <n>', 'stop after this many events', positiveInteger)
    .action((stream: string | undefined, options: ReplayOptions) =>
      withAudit(options, async (context) => {
        const view = viewOf(context, options);
        const max = options.max ?? Number.POSITIVE_INFINITY;
        const show = (event: AuditedEvent) => emit(options.json, event, () => line(event));
        let shown = 0;
        if (stream) {
          for (let from = options.fromRevision ?? 0; shown < max;) {
            const page = await context.log.readStream(
              stream,
              { fromRevision: from, limit: Math.min(options.pageSize, max - shown) },
              view,
            );
            page.events.forEach(show);
            shown += page.events.length;
            if (page.nextRevision === null) break;
            from = page.nextRevision;
          }
          return;
        }
        const storage = context.store.storage;
        const head = await storage.headCheckpoint();
        const total =
          head === null ? 0 : (storage.eventsBetween?.(options.after ?? null, head) ?? null);
        const bar = progressBar(options.progress, 'replay', total);
        try {
          for (let after = options.after ?? null; shown < max;) {
            const page = await context.log.readLog(
              { after, limit: Math.min(options.pageSize, max - shown) },
              view,
            );
            page.events.forEach(show);
            shown += page.events.length;
            bar.update(shown);
            if (!page.hasMore) break;
            after = page.checkpoint;
          }
        } finally {
          bar.stop();
        }
      }),
    );
}
