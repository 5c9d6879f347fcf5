import { Command, InvalidArgumentError } from 'commander';
import { TimeTravel } from '@sportello/audit';
import {
  AuditContext,
  ConnectionOptions,
  UnmaskOptions,
  viewOf,
  withAudit,
  withConnection,
  withUnmask,
} from './audit-context';
import { emit } from './output';
import { revisionNumber } from './replay.command';

function instant(value: string): Date {
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    throw new InvalidArgumentError(
      'an ISO 8601 instant with its zone, e.g. 2026-05-06T10:00:00+02:00',
    );
  return new Date(value);
}

const timeTravel = (context: AuditContext) =>
  new TimeTravel(context.log, context.catalog, context.db, context.store, context.schema);

interface TicketOptions extends ConnectionOptions, UnmaskOptions {
  at?: Date;
  revision?: number;
}

interface RowOptions extends ConnectionOptions {
  at: Date;
}

/** Time travel: a ticket, or a read-model row, as it was at an instant (by recorded time). */
export function asOfCommand(): Command {
  const ticket = withUnmask(withConnection(new Command('ticket')))
    .description('A ticket as it was, folded by its decider from the log')
    .argument('<stream>', 'the ticket stream, e.g. complaint-<uuid>')
    .option('--at <instant>', 'by recorded time, e.g. 2026-05-06T10:00:00+02:00', instant)
    .option('--revision <n>', 'up to and including this revision', revisionNumber)
    .action((stream: string, options: TicketOptions) =>
      withAudit(options, async (context) => {
        if (!options.at && options.revision === undefined)
          throw new InvalidArgumentError('give --at <instant> or --revision <n>');
        const result = await timeTravel(context).ticketAsOf(
          stream,
          { at: options.at, revision: options.revision },
          viewOf(context, options),
        );
        emit(options.json, result, () => JSON.stringify(result, null, 2));
      }),
    );
  const row = withConnection(new Command('row'))
    .description('A read-model row as it was, the read model folded from position zero')
    .argument('<read-model>', 'e.g. complaints_list')
    .argument('<table>', 'e.g. complaints')
    .argument('<key...>', 'the primary-key values, in key order')
    .requiredOption('--at <instant>', 'by recorded time', instant)
    .action((readModel: string, table: string, key: string[], options: RowOptions) =>
      withAudit(options, async (context) => {
        const result = await timeTravel(context).rowAsOf(readModel, table, key, options.at);
        emit(options.json, result, () => JSON.stringify(result, null, 2));
      }),
    );
  return new Command('as-of')
    .description('Time travel: a ticket or a read-model row as it was at an instant')
    .addCommand(ticket)
    .addCommand(row);
}
