import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound, RuleViolation } from '@sportello/decider';
import { CommandHandler } from '@sportello/eventstore';
import {
  ApiProblems,
  CommandGateway,
  IfMatch,
  ProblemException,
  Revisioned,
  revisioned,
  Roles,
} from '@sportello/platform';
import { toTimeline } from '@sportello/tickets';
import { FAULT_POLICIES, FaultPolicies } from '../application/fault-policies.port';
import { faultStream, outageStream } from '../application/fault-streams';
import { FaultQueries } from '../application/queries/fault-queries';
import { faultDecider } from '../domain/fault.decider';
import { OutageFault } from '../domain/outage.commands';
import { outageDecider } from '../domain/outage.decider';
import {
  DeclareOutageDto,
  LinkFaultsDto,
  ListOutagesQuery,
  OutageDeclaredDto,
  OutageFaultsQuery,
  OutageIdParam,
  UpdateOutageDto,
} from './outages.dto';

const ETAG = { ETag: { description: 'The outage revision', schema: { type: 'string' } } };
const READERS = ['operator', 'supervisor', 'auditor'] as const;
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

@ApiTags('outages')
@Controller('v1/outages')
export class OutagesHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly queries: FaultQueries,
    @Inject(FAULT_POLICIES) private readonly policies: FaultPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Declare a mass outage (supervisors only), optionally linking fault reports',
    description:
      'Linked customers are told of longer intervention times (NTF-7); their deadlines stay (FLT-9) unless the outage is EXCEPTIONAL_WIDESPREAD and the policy has the IND-9 regime (FLT-10).',
  })
  @ApiCreatedResponse({ type: OutageDeclaredDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async declare(@Body() body: DeclareOutageDto): Promise<Revisioned<OutageDeclaredDto>> {
    const policy = this.policies.inForce(body.operator, body.startedAt);
    if (!policy)
      throw new RuleViolation(
        'CAL-9',
        `No policy of operator ${body.operator} with fault figures is in force at the outage start`,
        { field: 'operator' },
      );
    const faults = await this.faults(body.faultIds ?? []);
    const outageId = uuidv7();
    const result = await this.commands.execute(outageDecider, {
      stream: outageStream(outageId),
      newStream: true,
      command: {
        type: 'DeclareOutage',
        outageId,
        policy,
        kind: body.kind,
        area: {
          description: body.area.description,
          municipalities: body.area.municipalities ?? [],
          postcodes: body.area.postcodes ?? [],
        },
        startedAt: body.startedAt,
        endedAt: body.endedAt ?? null,
        forceMajeure: body.forceMajeure
          ? { ...body.forceMajeure, endedOn: body.forceMajeure.endedOn ?? null }
          : null,
        announcedResolutionDate: body.announcedResolutionDate ?? null,
        reasons: body.reasons ?? [],
        faults,
      },
      metadataFor: () => ({ policyVersion: policy.version }),
    });
    return revisioned(
      {
        outageId,
        policyVersion: policy.version,
        events: result.events.map((e) => e.type),
        revision: result.revision!,
      },
      result.revision,
      `/v1/outages/${outageId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List outages, newest first, with counts of their faults' })
  @ApiProblems(400)
  list(@Query() query: ListOutagesQuery) {
    return this.queries.outages(query, this.clock.now());
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'An outage with its faults: counts, and a page of the linked faults by deadline',
  })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: OutageIdParam, @Query() query: OutageFaultsQuery) {
    const { state, revision, events } = await this.handler.load(outageDecider, outageStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Outage', id);
    const now = this.clock.now();
    const summary = await this.queries.outage(id, now);
    const faults = await this.queries.list({ ...query, incidentId: id }, now);
    const { status: _status, faultIds, ...outage } = state;
    return revisioned(
      {
        ...outage,
        counts: summary?.faults ?? null,
        /** Linked on the outage; each fault's own link follows shortly after (eventually). */
        linkedFaultIds: faultIds.length,
        faults,
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/faults')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Link fault reports to the outage (FLT-9)',
    description:
      'Each linked customer is told once (NTF-7). In an exceptional widespread outage the faults take the IND-9 regime (FLT-10).',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  async link(
    @Param() { id }: OutageIdParam,
    @Body() body: LinkFaultsDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const { state, revision } = await this.handler.load(outageDecider, outageStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Outage', id);
    const faults = await this.faults(body.faultIds);
    const result = await this.commands.execute(outageDecider, {
      stream: outageStream(id),
      command: { type: 'LinkFaultsToOutage', faults },
      ifMatch,
      metadataFor: () => ({ policyVersion: state.policyVersion }),
    });
    return revisioned(
      {
        outageId: id,
        linked: result.events.flatMap((e) =>
          e.type === 'OutageFaultsLinked' ? e.data.faultIds : [],
        ),
        revision: result.revision!,
      },
      result.revision,
    );
  }

  @Post(':id/updates')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Record the end of the outage, of its force majeure, or a communicated resolution date',
    description: 'An exceptional outage carries them to its faults (IND-9, AMB-15).',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  async update(
    @Param() { id }: OutageIdParam,
    @Body() body: UpdateOutageDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const { state, revision } = await this.handler.load(outageDecider, outageStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Outage', id);
    const result = await this.commands.execute(outageDecider, {
      stream: outageStream(id),
      command: { type: 'UpdateOutage', ...body },
      ifMatch,
      metadataFor: () => ({ policyVersion: state.policyVersion }),
    });
    return revisioned({ outageId: id, revision: result.revision! }, result.revision);
  }

  /** Every fault must exist and still be open or restored: a closed one is not linked. */
  private async faults(ids: string[]): Promise<OutageFault[]> {
    const unique = [...new Set(ids)];
    const found: OutageFault[] = [];
    for (const [i, faultId] of unique.entries()) {
      const { state } = await this.handler.load(faultDecider, faultStream(faultId));
      if (state.status === 'none') throw new NotFound('Fault', faultId);
      if (state.status === 'closed')
        throw ProblemException.of('conflicting-state', 'A closed fault cannot join an outage', {
          extensions: { field: `faultIds.${i}`, faultId },
        });
      found.push({ faultId, operator: state.operator });
    }
    return found;
  }
}
