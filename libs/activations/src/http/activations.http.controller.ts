import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound, RuleViolation } from '@sportello/decider';
import { CommandHandler, RecordedEvent } from '@sportello/eventstore';
import {
  ApiProblems,
  AuthenticatedActor,
  CommandGateway,
  CurrentActor,
  IfMatch,
  ProblemException,
  Revisioned,
  revisioned,
  Roles,
} from '@sportello/platform';
import { SubjectRegistry } from '@sportello/privacy/registry';
import { toTimeline } from '@sportello/tickets';
import { ACTIVATION_POLICIES, ActivationPolicies } from '../application/activation-policies.port';
import { activationStream } from '../application/activation-streams';
import { ActivationQueries } from '../application/queries/activation-queries';
import {
  ACTIVATION_REFERENCE_INPUT,
  ActivationReferences,
} from '../application/references/activation-references';
import {
  activationUnderPolicy,
  contractualCeilingCents,
} from '../application/what-if/activation-under-policy';
import { ActivationCommand } from '../domain/activation.commands';
import { activationDecider } from '../domain/activation.decider';
import {
  ActivationDeadline,
  ActivationEvent,
  ActivationRequested,
} from '../domain/activation.events';
import { ActivationPolicy } from '../domain/activation.policy';
import { RequestedActivation } from '../domain/activation.state';
import {
  ActivateDto,
  ActivationChildParam,
  ActivationIdParam,
  ActivationRequestedDto,
  CancelActivationDto,
  DelayNoticeDto,
  IndemnityClaimDto,
  ListActivationsQuery,
  PauseDto,
  RequestActivationDto,
  ResumeDto,
  TechnicalCheckDto,
} from './activations.dto';

const ETAG = { ETag: { description: 'The request revision', schema: { type: 'string' } } };
const READERS = ['operator', 'supervisor', 'auditor'] as const;
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

type Data<T extends ActivationEvent['type']> = Extract<ActivationEvent, { type: T }>['data'];
const ofType = <T extends ActivationEvent['type']>(events: RecordedEvent[], type: T) =>
  events.filter((e) => e.type === type).map((e) => e.data as Data<T>);

/** The latest explanation of the deadline: every event that moves it carries it whole. */
function latestDeadline(events: RecordedEvent[]): ActivationDeadline {
  let latest: ActivationDeadline | null = null;
  for (const event of events) {
    const data = event.data as { activationDue?: ActivationDeadline };
    if (data.activationDue) latest = data.activationDue;
  }
  return latest as ActivationDeadline;
}

@ApiTags('activations')
@Controller('v1/activations')
export class ActivationsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly references: ActivationReferences,
    private readonly queries: ActivationQueries,
    @Inject(ACTIVATION_POLICIES) private readonly policies: ActivationPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: SubjectRegistry,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Record an activation or relocation request',
    description:
      'The term runs from the proposal received (Fastweb, ACT-1) or the completed request (PSA, ACT-9); returns the reference to give the customer and the deadline of the policy in force, explained.',
  })
  @ApiCreatedResponse({ type: ActivationRequestedDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async request(@Body() body: RequestActivationDto): Promise<Revisioned<ActivationRequestedDto>> {
    const receivedAt = body.receivedAt ?? this.clock.now().toISOString();
    const policy = this.policies.inForce(body.operator, receivedAt);
    if (!policy) {
      throw new RuleViolation(
        'CAL-9',
        `No policy of operator ${body.operator} with activation figures is in force at the receipt date`,
        { field: 'operator' },
      );
    }
    const activationId = uuidv7();
    const reference = await this.references.reserve(
      activationId,
      new Date(receivedAt).getUTCFullYear(),
    );
    const subjectId = await this.subjects.resolveSubject(body.customer);
    const result = await this.commands.execute(activationDecider, {
      stream: activationStream(activationId),
      newStream: true,
      command: {
        type: 'RequestActivation',
        activationId,
        reference,
        policy,
        customer: { subjectId, ...body.customer },
        requestKind: body.requestKind,
        services: body.services,
        access: body.access ?? null,
        lineId: body.lineId ?? null,
        address: body.address ?? null,
        channel: body.channel,
        receivedAt,
        relocationFormTermDays: body.relocationFormTermDays ?? null,
      },
      metadataFor: (event) => ({
        policyVersion: policy.version,
        subjectIds: [subjectId],
        occurredAt:
          event.type === 'ActivationRequested'
            ? (event as ActivationRequested).data.receivedAt
            : undefined,
      }),
    });
    const requested = result.events[0] as ActivationRequested;
    return revisioned(
      {
        activationId,
        reference,
        activationDueAt: requested.data.activationDueAt,
        dueDate: requested.data.activationDue.dueDate,
        explanation: requested.data.activationDue.summary,
        policyVersion: policy.version,
        revision: result.revision!,
      },
      result.revision,
      `/v1/activations/${activationId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List activation and relocation requests, by deadline',
    description:
      'Filters: status, operator, request kind, customer type, overdue, breached (missed or activated late), paused, due before, received between, reference. Cursor pagination. No personal data.',
  })
  @ApiProblems(400)
  list(@Query() query: ListActivationsQuery) {
    return this.queries.list(query, this.clock.now());
  }

  @Get('by-reference/:reference')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Find a request by the reference given to the customer' })
  @ApiProblems(404)
  async byReference(@Param('reference') reference: string) {
    const activationId = ACTIVATION_REFERENCE_INPUT.test(reference)
      ? await this.references.activationOf(reference)
      : null;
    if (!activationId) throw new NotFound('Activation reference', reference.slice(0, 20));
    return this.detail({ id: activationId });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'A request: customer, services, the deadline and how it was computed (inputs, terms, clauses), pauses, notices, indemnity, timeline',
  })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: ActivationIdParam) {
    const { state, revision, events } = await this.handler.load(
      activationDecider,
      activationStream(id),
    );
    if (state.status === 'none' || revision === null) throw new NotFound('Activation', id);
    const requested = events[0].data as ActivationRequested['data'];
    const policy = this.policies.byVersion(state.policyVersion);
    const now = this.clock.now().toISOString();
    const approvals = ofType(events, 'ActivationLatePauseApproved');
    const current =
      policy && state.status === 'requested'
        ? activationUnderPolicy(state, requested, policy, now)
        : null;
    const dueAt = state.activationDueAt;
    return revisioned(
      {
        activationId: id,
        reference: state.reference,
        status: state.status,
        operator: state.operator,
        policyVersion: state.policyVersion,
        requestKind: state.requestKind,
        services: state.services,
        access: requested.access,
        channel: requested.channel,
        customer: requested.customer,
        lineId: requested.lineId,
        address: requested.address,
        receivedAt: state.receivedAt,
        deadline: {
          activationDueAt: dueAt,
          missed: state.missedDueAt !== null && state.missedDueAt === dueAt,
          missedDueAt: state.missedDueAt,
          overdue:
            state.status === 'requested' && dueAt !== null && Date.parse(dueAt) < Date.parse(now),
          policy: { version: state.policyVersion, term: state.term },
          inputs: {
            receivedAt: state.receivedAt,
            technicalCheck: state.technicalCheck,
            pauses: state.pauses.map(({ pauseId, kind, from, to }) => ({
              pauseId,
              kind,
              from,
              to,
            })),
            announcedDate: state.announced?.date ?? null,
          },
          explanation: latestDeadline(events),
        },
        technicalCheck: ofType(events, 'TechnicalCheckRecorded').at(-1) ?? null,
        pauses: state.pauses.map((pause) => ({
          ...pause,
          running: pause.to === null,
          lateApproval: approvals.find((a) => a.pauseId === pause.pauseId) ?? null,
        })),
        delayNotices: ofType(events, 'ActivationDelayNotified'),
        activation: state.activation,
        indemnity: {
          assessed: ofType(events, 'ActivationIndemnityAssessed').at(-1) ?? null,
          claim: ofType(events, 'IndemnityClaimRecorded').at(-1) ?? null,
          supplementaryAssessment:
            ofType(events, 'ActivationSupplementaryIndemnityAssessmentRequested').at(-1) ?? null,
          current:
            current?.indemnity && current.indemnity.daysOfDelay > 0
              ? {
                  basis: current.basis,
                  asOf: current.asOf,
                  ceilingCents: contractualCeilingCents(current.indemnity),
                  ...current.indemnity,
                }
              : null,
        },
        cancellation: ofType(events, 'ActivationRequestCancelled').at(-1) ?? null,
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/technical-check')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary:
      'Record the technical check: positive (Fastweb: due = min(proposal + 60, check + 30), AMB-8) or negative with its reason (no deadline remains)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  technicalCheck(
    @Param() { id }: ActivationIdParam,
    @Body() body: TechnicalCheckDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (_, policy) => ({
        type: 'RecordTechnicalCheck',
        policy,
        outcome: body.outcome,
        checkedAt: body.checkedAt,
        reason: body.reason ?? null,
      }),
      ifMatch,
    );
  }

  @Post(':id/delay-notices')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary:
      'Record that the customer was told of a delay, its reasons and the new date (ACT-3, ACT-10, NTF-3)',
    description:
      'PSA: a date announced in time becomes the deadline and no indemnity runs up to it (IND-5); Fastweb: the indemnity still runs from the term.',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  delayNotice(
    @Param() { id }: ActivationIdParam,
    @Body() body: DelayNoticeDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const noticeId = uuidv7();
    return this.run(
      id,
      (_, policy) => ({
        type: 'NotifyActivationDelay',
        policy,
        noticeId,
        informedAt: body.informedAt,
        channel: body.channel,
        reason: body.reason,
        newActivationDate: body.newActivationDate ?? null,
        agreedWithCustomer: body.agreedWithCustomer ?? false,
      }),
      ifMatch,
      { noticeId },
    );
  }

  @Post(':id/pauses')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Pause the activation clock for an allowed reason (CAL-8)',
    description:
      "Omit `to` while the pause runs. After the deadline was missed a pause needs a supervisor's `approval`.",
  })
  @ApiProblems(...WRITE_PROBLEMS)
  pause(
    @Param() { id }: ActivationIdParam,
    @Body() body: PauseDto,
    @IfMatch() ifMatch: number | undefined,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    if (body.approval && !actor.roles.includes('supervisor'))
      throw ProblemException.of('forbidden', 'Only a supervisor approves a late pause (CAL-8)');
    const pauseId = uuidv7();
    return this.run(
      id,
      (_, policy) => ({
        type: 'PauseActivationClock',
        policy,
        pauseId,
        kind: body.kind,
        reason: body.reason,
        evidenceRef: body.evidenceRef ?? null,
        from: body.from,
        to: body.to ?? null,
        approval: body.approval ? { reason: body.approval.reason } : null,
      }),
      ifMatch,
      { pauseId },
    );
  }

  @Post(':id/pauses/:childId/resumption')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Resume the activation clock: whole days paused move the deadline (CAL-8)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  resume(
    @Param() { id, childId }: ActivationChildParam,
    @Body() body: ResumeDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      () => ({ type: 'ResumeActivationClock', pauseId: childId, resumedAt: body.resumedAt }),
      ifMatch,
    );
  }

  @Post(':id/activation')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary:
      'Record the activation: on time, or late with the indemnity assessed (CAL-7, IND-1, IND-5, AMB-17)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  activate(
    @Param() { id }: ActivationIdParam,
    @Body() body: ActivateDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (_, policy) => ({ type: 'ActivateService', policy, activatedAt: body.activatedAt }),
      ifMatch,
    );
  }

  @Post(':id/indemnity-claim')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary:
      "Record the customer's claim or written report that releases the payout (IND-4, IND-7)",
  })
  @ApiProblems(...WRITE_PROBLEMS)
  claim(
    @Param() { id }: ActivationIdParam,
    @Body() body: IndemnityClaimDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (_, policy) => ({
        type: 'RecordIndemnityClaim',
        policy,
        claimedAt: body.claimedAt,
        channel: body.channel,
      }),
      ifMatch,
    );
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary:
      'End a pending request: revoked by the customer (ACT-4) or refused by the operator (ACT-5)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  cancel(
    @Param() { id }: ActivationIdParam,
    @Body() body: CancelActivationDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      () => ({ type: 'CancelActivationRequest', reason: body.reason, note: body.note }),
      ifMatch,
    );
  }

  private pinned(request: RequestedActivation): ActivationPolicy {
    const policy = this.policies.byVersion(request.policyVersion);
    if (!policy) throw new Error(`Policy version ${request.policyVersion} is no longer loaded`);
    return policy;
  }

  private async run(
    id: string,
    command: (request: RequestedActivation, policy: ActivationPolicy) => ActivationCommand,
    ifMatch: number | undefined,
    created: Record<string, string> = {},
  ) {
    const { state, revision } = await this.handler.load(activationDecider, activationStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Activation', id);
    const result = await this.commands.execute(activationDecider, {
      stream: activationStream(id),
      command: command(state, this.pinned(state)),
      ifMatch,
      metadataFor: () => ({ policyVersion: state.policyVersion, subjectIds: [state.subjectId] }),
    });
    const after = result.state.status === 'none' ? null : result.state;
    return revisioned(
      {
        activationId: id,
        ...created,
        status: after?.status,
        activationDueAt: after?.activationDueAt ?? null,
        events: result.events.map((e) => e.type),
        revision: result.revision!,
      },
      result.revision,
    );
  }
}
