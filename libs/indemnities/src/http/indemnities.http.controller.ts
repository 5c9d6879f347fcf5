import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound, RuleViolation } from '@sportello/decider';
import { EventStore, EVENT_STORE } from '@sportello/eventstore';
import { faultDecider } from '@sportello/faults/domain/fault.decider';
import { ApiProblems, CommandGateway, Roles } from '@sportello/platform';
import { IndemnityQueries } from '../application/queries/indemnity-queries';
import { LedgerLineView } from '../application/queries/ledger-view';
import { LEDGER_EVENT_TYPES } from '../domain/indemnity.events';
import { ledgerDecider, LedgerCommand } from '../domain/ledger.decider';
import {
  CreditIndemnityDto,
  LedgerFilterQuery,
  LineIdParam,
  ListLedgerQuery,
  ReviewIndemnityDto,
} from './indemnities.dto';

const READERS = ['supervisor', 'auditor'] as const;
const WRITE_PROBLEMS = [400, 404, 409, 422] as const;

/** The ticket events a line's history shows beside the ledger's own. */
const HISTORY = new Set<string>([
  ...LEDGER_EVENT_TYPES,
  'ComplaintAnswerDeadlineMissed',
  'RepairDeadlineMissed',
  'ActivationDeadlineMissed',
  'ComplexFaultIndemnityReviewed',
  'FaultReopened',
  'IndemnityClaimRecorded',
]);

@ApiTags('indemnities')
@Controller('v1/indemnities')
export class IndemnitiesHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly queries: IndemnityQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The indemnity ledger (IND-12)',
    description:
      'One line per ticket and indemnity type: accruing lines are priced against the clock from their due instant and the pinned policy (CAL-7, CAL-10); assessed lines show the recorded figures, the review (AMB-7, AMB-11) and the credit. Filter by ticket, customer (subjectId), operator, type, status and period.',
  })
  @ApiProblems(400)
  list(@Query() query: ListLedgerQuery) {
    return this.queries.list(query, this.clock.now());
  }

  @Get('totals')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Ledger totals: accruing, assessed, under review and credited, by type and operator',
  })
  @ApiProblems(400)
  totals(@Query() query: LedgerFilterQuery) {
    return this.queries.totals(query, this.clock.now());
  }

  @Get('export.csv')
  @Roles(...READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="indemnity-ledger.csv"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiOperation({
    summary: 'The ledger as CSV (formula-looking cells are escaped)',
    description: 'Same filters as the list; every matching line, no paging.',
  })
  @ApiProblems(400)
  exportCsv(@Query() query: LedgerFilterQuery): Promise<string> {
    return this.queries.csv(query, this.clock.now());
  }

  @Get(':lineId')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'One ledger line with its inputs, a recomputation check and its history',
  })
  @ApiProblems(400, 404)
  async line(@Param() { lineId }: LineIdParam) {
    const line = await this.found(lineId);
    const events = await this.store.readStream(line.ticket.stream);
    return {
      ...line,
      history: events
        .filter((e) => HISTORY.has(e.type))
        .filter((e) => {
          const party = (e.data as { party?: string | null }).party;
          return party === undefined || party === line.party;
        })
        .map((e) => ({
          revision: e.revision,
          type: e.type,
          occurredAt: e.metadata.occurredAt,
          recordedAt: e.metadata.recordedAt,
          actor: e.metadata.actor,
        })),
    };
  }

  @Post(':lineId/credit')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Record that an assessed indemnity was credited on an invoice (IND-11)',
    description:
      'An `IndemnityCredited` event on the ticket stream. Refused while under review (AMB-7, AMB-11), while a claim is awaited (IND-4, IND-7), or on an invoice issued too early (EXT-IND-1).',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  async credit(@Param() { lineId }: LineIdParam, @Body() body: CreditIndemnityDto) {
    const line = await this.found(lineId);
    return this.runLedger(line, {
      type: 'CreditIndemnity',
      indemnityType: line.indemnityType,
      party: line.party,
      invoiceNumber: body.invoiceNumber.trim(),
      invoiceIssuedOn: body.invoiceIssuedOn,
    });
  }

  @Post(':lineId/review')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Decide a review: a complex fault held (AMB-7) or a supplement beyond the cap (AMB-11)',
    description:
      "AMB-7 is the fault's own review (`ComplexFaultIndemnityReviewed`); AMB-11 records `SupplementaryIndemnityDecided` on the ticket stream.",
  })
  @ApiProblems(...WRITE_PROBLEMS)
  async review(@Param() { lineId }: LineIdParam, @Body() body: ReviewIndemnityDto) {
    const line = await this.found(lineId);
    if (line.review?.rule === 'AMB-7' && line.assessment) {
      if (body.decision !== 'approved' && body.decision !== 'denied')
        throw new RuleViolation('AMB-7', 'A held indemnity is approved or denied', {
          field: 'decision',
        });
      const result = await this.commands.execute(faultDecider, {
        stream: line.ticket.stream,
        command: {
          type: 'ReviewComplexFaultIndemnity',
          decision: body.decision,
          reason: body.reason,
        },
        metadataFor: () => ({
          policyVersion: line.policyVersion,
          subjectIds: line.subjectId ? [line.subjectId] : [],
        }),
      });
      return { lineId, events: result.events.map((e) => e.type), revision: result.revision };
    }
    if (line.review?.rule !== 'AMB-11')
      throw new RuleViolation(
        line.review?.rule ?? 'IND-12',
        line.status === 'accruing'
          ? 'The indemnity is still accruing: it is reviewed once assessed'
          : 'Nothing on this line awaits a review',
        { field: 'decision' },
      );
    if (body.decision !== 'granted' && body.decision !== 'refused')
      throw new RuleViolation('AMB-11', 'A supplementary assessment is granted or refused', {
        field: 'decision',
      });
    return this.runLedger(line, {
      type: 'DecideSupplementaryIndemnity',
      indemnityType: line.indemnityType,
      party: line.party,
      decision: body.decision,
      supplementCents: body.supplementCents ?? 0,
      reason: body.reason,
    });
  }

  private async found(lineId: string): Promise<LedgerLineView> {
    const line = await this.queries.line(lineId, this.clock.now());
    if (!line) throw new NotFound('Indemnity', lineId);
    return line;
  }

  private async runLedger(line: LedgerLineView, command: LedgerCommand) {
    if (!line.assessment)
      throw new RuleViolation(
        'IND-12',
        'The indemnity is still accruing: nothing is assessed yet',
        {
          field: 'lineId',
        },
      );
    const result = await this.commands.execute(ledgerDecider, {
      stream: line.ticket.stream,
      command,
      metadataFor: () => ({
        policyVersion: line.policyVersion,
        subjectIds: line.subjectId ? [line.subjectId] : [],
      }),
    });
    return { lineId: line.lineId, events: result.events.map((e) => e.type) };
  }
}
