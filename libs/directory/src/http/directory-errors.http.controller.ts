import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound, RuleViolation } from '@sportello/decider';
import { CommandHandler, RecordedEvent } from '@sportello/eventstore';
import {
  ApiProblems,
  CommandGateway,
  IfMatch,
  Revisioned,
  revisioned,
  Roles,
} from '@sportello/platform';
import { SubjectRegistry } from '@sportello/privacy/registry';
import { toTimeline } from '@sportello/tickets';
import { DIRECTORY_POLICIES, DirectoryPolicies } from '../application/directory-policies.port';
import { directoryErrorStream } from '../application/directory-streams';
import { DirectoryErrorQueries } from '../application/queries/directory-error-queries';
import {
  DIRECTORY_ERROR_REFERENCE_INPUT,
  DirectoryErrorReferences,
} from '../application/references/directory-error-references';
import { DirectoryCommand } from '../domain/directory.commands';
import { directoryDecider } from '../domain/directory.decider';
import { DirectoryErrorReported, DirectoryEvent, ListingRequest } from '../domain/directory.events';
import { DirectoryPolicy } from '../domain/directory.policy';
import { ReportedDirectoryError } from '../domain/directory.state';
import {
  AttributionDto,
  CorrectionDto,
  DirectoryErrorIdParam,
  DirectoryErrorReportedDto,
  ListDirectoryErrorsQuery,
  ListingRequestDto,
  ReportDirectoryErrorDto,
} from './directory-errors.dto';

const ETAG = { ETag: { description: 'The ticket revision', schema: { type: 'string' } } };
const READERS = ['operator', 'supervisor', 'auditor'] as const;
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

type Data<T extends DirectoryEvent['type']> = Extract<DirectoryEvent, { type: T }>['data'];
const ofType = <T extends DirectoryEvent['type']>(events: RecordedEvent[], type: T) =>
  events.filter((e) => e.type === type).map((e) => e.data as Data<T>);

/** The DTO as the domain's union; the decider judges the combination (DIR-1). */
function listingRequest(body: ListingRequestDto): ListingRequest {
  return (
    body.publish
      ? { publish: true, basis: body.basis, listing: body.listing }
      : { publish: false, basis: body.basis }
  ) as ListingRequest;
}

@ApiTags('directory-errors')
@Controller('v1/directory-errors')
export class DirectoryErrorsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly references: DirectoryErrorReferences,
    private readonly queries: DirectoryErrorQueries,
    @Inject(DIRECTORY_POLICIES) private readonly policies: DirectoryPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: SubjectRegistry,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Record an error in the phone-directory data (DIR-6)',
    description:
      'The listing as requested against the listing as published (DIR-1): wrong data, omitted, or published without a request. The flat indemnity (IND-3) follows once attribution is confirmed.',
  })
  @ApiCreatedResponse({ type: DirectoryErrorReportedDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async report(
    @Body() body: ReportDirectoryErrorDto,
  ): Promise<Revisioned<DirectoryErrorReportedDto>> {
    const reportedAt = body.reportedAt ?? this.clock.now().toISOString();
    const policy = this.policies.inForce(body.operator, reportedAt);
    if (!policy) {
      throw new RuleViolation(
        'CAL-9',
        `No policy of operator ${body.operator} with directory figures is in force at the report date`,
        { field: 'operator' },
      );
    }
    const errorId = uuidv7();
    const reference = await this.references.reserve(errorId, new Date(reportedAt).getUTCFullYear());
    const subjectId = await this.subjects.resolveSubject(body.customer);
    const result = await this.commands.execute(directoryDecider, {
      stream: directoryErrorStream(errorId),
      newStream: true,
      command: {
        type: 'ReportDirectoryError',
        errorId,
        reference,
        policy,
        customer: { subjectId, ...body.customer },
        lineId: body.lineId,
        medium: body.medium,
        requested: listingRequest(body.requested),
        published: body.published ?? null,
        erroneousSince: body.erroneousSince,
        discoveredOn: body.discoveredOn,
        reportedAt,
        channel: body.channel,
      },
      metadataFor: (event) => ({
        policyVersion: policy.version,
        subjectIds: [subjectId],
        occurredAt:
          event.type === 'DirectoryErrorReported'
            ? (event as DirectoryErrorReported).data.reportedAt
            : undefined,
      }),
    });
    const reported = result.events[0] as DirectoryErrorReported;
    return revisioned(
      {
        errorId,
        reference,
        errorKind: reported.data.errorKind,
        wrongFields: reported.data.wrongFields,
        policyVersion: policy.version,
        revision: result.revision!,
      },
      result.revision,
      `/v1/directory-errors/${errorId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List directory errors, newest first',
    description:
      'Filters: status, operator, medium, error kind, customer type, attribution, indemnity status, reported between, reference. Cursor pagination. No personal data.',
  })
  @ApiProblems(400)
  list(@Query() query: ListDirectoryErrorsQuery) {
    return this.queries.list(query);
  }

  @Get('by-reference/:reference')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Find a directory error by the reference given to the customer' })
  @ApiProblems(404)
  async byReference(@Param('reference') reference: string) {
    const errorId = DIRECTORY_ERROR_REFERENCE_INPUT.test(reference)
      ? await this.references.errorOf(reference)
      : null;
    if (!errorId) throw new NotFound('Directory error reference', reference.slice(0, 20));
    return this.detail({ id: errorId });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'A directory error: both listings, attribution, correction, the flat indemnity (IND-3) with the regulatory reference (EXT-IND-6), timeline',
  })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: DirectoryErrorIdParam) {
    const { state, revision, events } = await this.handler.load(
      directoryDecider,
      directoryErrorStream(id),
    );
    if (state.status === 'none' || revision === null) throw new NotFound('Directory error', id);
    const reported = events[0].data as DirectoryErrorReported['data'];
    const policy = this.policies.byVersion(state.policyVersion);
    const assessed = ofType(events, 'DirectoryErrorIndemnityAssessed').at(-1) ?? null;
    const correction = ofType(events, 'DirectoryListingCorrected').at(-1) ?? null;
    const flat = policy?.indemnity.flatCents ?? null;
    return revisioned(
      {
        errorId: id,
        reference: state.reference,
        status: state.status,
        operator: state.operator,
        policyVersion: state.policyVersion,
        customer: reported.customer,
        lineId: reported.lineId,
        medium: reported.medium,
        requested: reported.requested,
        published: reported.published,
        errorKind: reported.errorKind,
        wrongFields: reported.wrongFields,
        erroneousSince: reported.erroneousSince,
        discoveredOn: reported.discoveredOn,
        reportedAt: reported.reportedAt,
        channel: reported.channel,
        attribution: ofType(events, 'DirectoryErrorAttributionDecided').at(-1) ?? null,
        correction,
        indemnity: {
          assessed,
          flat: policy
            ? {
                customerType: state.customerType,
                amountCents: flat ? flat[state.customerType] : null,
                whateverTheDuration: true,
                dueWhen: 'attribution to the operator is confirmed (DIR-6)',
                rules: [...policy.indemnity.rules],
                clause: policy.indemnity.clause,
              }
            : null,
          regulatoryReference:
            correction?.regulatoryReference ?? assessed?.regulatoryReference ?? null,
        },
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/attribution')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Decide whether the error is attributable to the operator, with the reason (DIR-6)',
    description: 'Once per error; attributable → the flat indemnity is assessed (IND-3, DIR-4).',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  attribute(
    @Param() { id }: DirectoryErrorIdParam,
    @Body() body: AttributionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (policy) => ({
        type: 'DecideDirectoryErrorAttribution',
        policy,
        attributable: body.attributable,
        reason: body.reason,
      }),
      ifMatch,
    );
  }

  @Post(':id/correction')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Record that the listing was corrected; the regulatory reference runs to that day',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  correct(
    @Param() { id }: DirectoryErrorIdParam,
    @Body() body: CorrectionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (policy) => ({ type: 'RecordListingCorrection', policy, correctedOn: body.correctedOn }),
      ifMatch,
    );
  }

  private pinned(error: ReportedDirectoryError): DirectoryPolicy {
    const policy = this.policies.byVersion(error.policyVersion);
    if (!policy) throw new Error(`Policy version ${error.policyVersion} is no longer loaded`);
    return policy;
  }

  private async run(
    id: string,
    command: (policy: DirectoryPolicy) => DirectoryCommand,
    ifMatch: number | undefined,
  ) {
    const stream = directoryErrorStream(id);
    const { state, revision } = await this.handler.load(directoryDecider, stream);
    if (state.status === 'none' || revision === null) throw new NotFound('Directory error', id);
    const result = await this.commands.execute(directoryDecider, {
      stream,
      command: command(this.pinned(state)),
      ifMatch,
      metadataFor: () => ({ policyVersion: state.policyVersion, subjectIds: [state.subjectId] }),
    });
    const after = result.state.status === 'none' ? null : result.state;
    return revisioned(
      {
        errorId: id,
        status: after?.status,
        attributable: after?.attributable ?? null,
        events: result.events.map((e) => e.type),
        revision: result.revision!,
      },
      result.revision,
    );
  }
}
