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
import { FAULT_POLICIES, FaultPolicies } from '../application/fault-policies.port';
import { faultStream } from '../application/fault-streams';
import { FaultQueries } from '../application/queries/fault-queries';
import { FaultReferences } from '../application/tracking/fault-references';
import { faultUnderPolicy, indemnityCeilingCents } from '../application/what-if/fault-under-policy';
import { FaultCommand } from '../domain/fault.commands';
import { faultDecider } from '../domain/fault.decider';
import { FaultEvent, FaultReported, RepairDeadline } from '../domain/fault.events';
import { FaultPolicy } from '../domain/fault.policy';
import { ReportedFault } from '../domain/fault.state';
import {
  CloseFaultDto,
  ReportFaultDto,
  ExceptionalFaultDto,
  FaultChildParam,
  FaultIdParam,
  FaultReportedDto,
  IndemnityReviewDto,
  ListFaultsQuery,
  MarkComplexDto,
  PauseDto,
  RemoteInterventionDto,
  ReopenDto,
  ResumeDto,
  RestoreDto,
  ScheduleVisitDto,
  VisitDoneDto,
} from './faults.dto';

const ETAG = { ETag: { description: 'The fault revision', schema: { type: 'string' } } };
const READERS = ['operator', 'supervisor', 'auditor'] as const;
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

type Data<T extends FaultEvent['type']> = Extract<FaultEvent, { type: T }>['data'];
const ofType = <T extends FaultEvent['type']>(events: RecordedEvent[], type: T) =>
  events.filter((e) => e.type === type).map((e) => e.data as Data<T>);

/** The latest explanation of the repair deadline: events that move it carry it whole. */
function latestDeadline(events: RecordedEvent[]): RepairDeadline {
  let latest: RepairDeadline | null = null;
  for (const event of events) {
    const data = event.data as { repairDue?: RepairDeadline };
    if (data.repairDue) latest = data.repairDue;
  }
  return latest as RepairDeadline;
}

@ApiTags('faults')
@Controller('v1/faults')
export class FaultsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly references: FaultReferences,
    private readonly queries: FaultQueries,
    @Inject(FAULT_POLICIES) private readonly policies: FaultPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: SubjectRegistry,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Report a fault (guasto)',
    description:
      'The clock starts at reportedAt (FLT-1); returns the reference to give the customer and the repair deadline of the policy in force (FLT-2, FLT-6).',
  })
  @ApiCreatedResponse({ type: FaultReportedDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async report(@Body() body: ReportFaultDto): Promise<Revisioned<FaultReportedDto>> {
    const reportedAt = body.reportedAt ?? this.clock.now().toISOString();
    const policy = this.policies.inForce(body.operator, reportedAt);
    if (!policy) {
      throw new RuleViolation(
        'CAL-9',
        `No policy of operator ${body.operator} with fault figures is in force at the report date`,
        { field: 'operator' },
      );
    }
    const faultId = uuidv7();
    const reference = await this.references.reserve(faultId, new Date(reportedAt).getUTCFullYear());
    const subjectId = await this.subjects.resolveSubject(body.customer);
    const result = await this.commands.execute(faultDecider, {
      stream: faultStream(faultId),
      newStream: true,
      command: {
        type: 'ReportFault',
        faultId,
        reference,
        policy,
        customer: { subjectId, ...body.customer, lineId: body.lineId },
        lineId: body.lineId,
        service: body.service,
        channel: body.channel,
        description: body.description,
        reportedAt,
      },
      metadataFor: (event) => ({
        policyVersion: policy.version,
        subjectIds: [subjectId],
        occurredAt:
          event.type === 'FaultReported' ? (event as FaultReported).data.reportedAt : undefined,
      }),
    });
    const reported = result.events[0] as FaultReported;
    return revisioned(
      {
        faultId,
        reference,
        repairDueAt: reported.data.repairDueAt,
        explanation: reported.data.repairDue.summary,
        policyVersion: policy.version,
        revision: result.revision!,
      },
      result.revision,
      `/v1/faults/${faultId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List faults, by repair deadline',
    description:
      'Open faults by deadline (status=open), breaches (breached=true), paused tickets (paused=true), a per-outage view (incidentId); also overdue, operator, regime, due before, reference. Cursor pagination.',
  })
  @ApiProblems(400)
  list(@Query() query: ListFaultsQuery) {
    return this.queries.list(query, this.clock.now());
  }

  @Get('by-reference/:reference')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Find a fault by the reference given to the customer' })
  @ApiProblems(404)
  async byReference(@Param('reference') reference: string) {
    const faultId = /^GU-\d{4}-[0-9A-Za-z]{8}$/.test(reference)
      ? await this.references.faultOf(reference)
      : null;
    if (!faultId) throw new NotFound('Fault reference', reference.slice(0, 20));
    return this.detail({ id: faultId });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'A fault: customer, line, repair deadline and how it was computed, pauses, indemnity, timeline',
  })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: FaultIdParam) {
    const {
      state,
      etagRevision: revision,
      events,
    } = await this.handler.load(faultDecider, faultStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Fault', id);
    const reported = events[0].data as FaultReported['data'];
    const policy = this.policies.byVersion(state.policyVersion);
    const now = this.clock.now().toISOString();
    const approvals = ofType(events, 'LatePauseApproved');
    const assessed = ofType(events, 'RepairIndemnityAssessed').at(-1) ?? null;
    const review = ofType(events, 'ComplexFaultIndemnityReviewed').at(-1) ?? null;
    const current = policy ? faultUnderPolicy(state, policy, now) : null;
    return revisioned(
      {
        faultId: id,
        reference: state.reference,
        status: state.status,
        operator: state.operator,
        policyVersion: state.policyVersion,
        channel: reported.channel,
        service: reported.service,
        customer: reported.customer,
        lineId: reported.lineId,
        description: reported.description,
        reportedAt: state.reportedAt,
        regime: state.regime,
        complexity: state.complexity,
        exceptional: state.exceptional,
        deadline: {
          repairDueAt: state.repairDueAt,
          missed: state.missedDueAt !== null && state.missedDueAt === state.repairDueAt,
          missedDueAt: state.missedDueAt,
          policy: { version: state.policyVersion, term: state.term },
          explanation: latestDeadline(events),
        },
        pauses: state.pauses.map((pause) => ({
          ...pause,
          running: pause.to === null,
          lateApproval: approvals.find((a) => a.pauseId === pause.pauseId) ?? null,
        })),
        remoteInterventions: ofType(events, 'RemoteInterventionRecorded'),
        visits: [
          ...ofType(events, 'TechnicianVisitScheduled').map((v) => ({
            ...v,
            done:
              ofType(events, 'TechnicianVisitDone').find((d) => d.visitId === v.visitId) ?? null,
          })),
        ],
        incidents: state.incidents,
        restoration: state.restoration,
        indemnity: {
          assessed,
          review,
          supplementaryAssessment:
            ofType(events, 'SupplementaryIndemnityAssessmentRequested').at(-1) ?? null,
          current: current
            ? {
                basis: current.basis,
                asOf: current.asOf,
                ceilingCents: indemnityCeilingCents(current.indemnity),
                ...current.indemnity,
              }
            : null,
        },
        closure: state.closedAt ? { closedAt: state.closedAt, outcome: state.outcome } : null,
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/remote-interventions')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Record a remote intervention (the first comes before any visit, FLT-2)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  remoteIntervention(
    @Param() { id }: FaultIdParam,
    @Body() body: RemoteInterventionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const interventionId = uuidv7();
    return this.run(
      id,
      () => ({
        type: 'RecordRemoteIntervention',
        interventionId,
        performedAt: body.performedAt,
        outcome: body.outcome,
        notes: body.notes ?? '',
      }),
      ifMatch,
      { interventionId },
    );
  }

  @Post(':id/technician-visits')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Schedule a technician visit (AMB-6)' })
  @ApiProblems(...WRITE_PROBLEMS)
  scheduleVisit(
    @Param() { id }: FaultIdParam,
    @Body() body: ScheduleVisitDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const visitId = uuidv7();
    return this.run(
      id,
      (_, policy) => ({
        type: 'ScheduleTechnicianVisit',
        policy,
        visitId,
        scheduledFor: body.scheduledFor,
      }),
      ifMatch,
      { visitId },
    );
  }

  @Post(':id/technician-visits/:childId/outcome')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: "Record a technician visit as done, with the technician's badge (SUP-6)",
    description: 'No payment is ever taken on site (FLT-5, SUP-5): costs go on the next invoice.',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  visitDone(
    @Param() { id, childId }: FaultChildParam,
    @Body() body: VisitDoneDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (_, policy) => ({
        type: 'RecordTechnicianVisit',
        policy,
        visitId: childId,
        visitedAt: body.visitedAt,
        badgeId: body.badgeId,
        outcome: body.outcome,
        notes: body.notes ?? '',
        onSitePayment:
          body.onSitePaymentCents === undefined ? null : { amountCents: body.onSitePaymentCents },
        interventionCostCents: body.interventionCostCents ?? null,
      }),
      ifMatch,
    );
  }

  @Post(':id/pauses')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Pause the repair clock for an allowed reason (CAL-8)',
    description:
      "Omit `to` while the pause runs. After the deadline was missed a pause needs a supervisor's `approval`.",
  })
  @ApiProblems(...WRITE_PROBLEMS)
  pause(
    @Param() { id }: FaultIdParam,
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
        type: 'PauseRepairClock',
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
  @ApiOperation({ summary: 'Resume the repair clock: the deadline moves by the pause (CAL-8)' })
  @ApiProblems(...WRITE_PROBLEMS)
  resume(
    @Param() { id, childId }: FaultChildParam,
    @Body() body: ResumeDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      () => ({ type: 'ResumeRepairClock', pauseId: childId, resumedAt: body.resumedAt }),
      ifMatch,
    );
  }

  @Post(':id/complexity')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Mark a fault complex, with reasons (supervisors only)',
    description:
      'FASTWEB: the clock keeps running and the indemnity waits for review (AMB-7); PSA: no fixed term (FLT-8) or, for an exceptional widespread fault, IND-9 (FLT-10).',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  markComplex(
    @Param() { id }: FaultIdParam,
    @Body() body: MarkComplexDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (_, policy) => ({
        type: 'MarkFaultComplex',
        policy,
        complexity: body.complexity,
        reasons: body.reasons,
        forceMajeure: body.forceMajeure
          ? { ...body.forceMajeure, endedOn: body.forceMajeure.endedOn ?? null }
          : null,
        announcedResolutionDate: body.announcedResolutionDate ?? null,
      }),
      ifMatch,
    );
  }

  @Post(':id/exceptional-fault')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Record the end of the force majeure or a communicated resolution date (IND-9, AMB-15)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  updateExceptional(
    @Param() { id }: FaultIdParam,
    @Body() body: ExceptionalFaultDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      () => ({
        type: 'UpdateExceptionalFault',
        forceMajeureEndedOn: body.forceMajeureEndedOn ?? null,
        announcedResolutionDate: body.announcedResolutionDate ?? null,
      }),
      ifMatch,
    );
  }

  @Post(':id/indemnity-review')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve or deny the indemnity held for a complex fault (AMB-7)' })
  @ApiProblems(...WRITE_PROBLEMS)
  reviewIndemnity(
    @Param() { id }: FaultIdParam,
    @Body() body: IndemnityReviewDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      () => ({ type: 'ReviewComplexFaultIndemnity', decision: body.decision, reason: body.reason }),
      ifMatch,
    );
  }

  @Post(':id/restoration')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Record that the service is restored (on time or late, CAL-7)' })
  @ApiProblems(...WRITE_PROBLEMS)
  restore(
    @Param() { id }: FaultIdParam,
    @Body() body: RestoreDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(id, () => ({ type: 'RestoreService', restoredAt: body.restoredAt }), ifMatch);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Close a fault: repaired (the indemnity is assessed, IND-12) or out of scope (FLT-4)',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  close(
    @Param() { id }: FaultIdParam,
    @Body() body: CloseFaultDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (_, policy) => ({
        type: 'CloseFault',
        policy,
        outcome: body.outcome,
        finding: body.finding ?? null,
      }),
      ifMatch,
    );
  }

  @Post(':id/reopening')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: "Reopen a closed fault within the policy's window",
    description: 'Refused where the policy sets no window: a new fault is reported instead.',
  })
  @ApiProblems(...WRITE_PROBLEMS)
  reopen(
    @Param() { id }: FaultIdParam,
    @Body() body: ReopenDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      (_, policy) => ({ type: 'ReopenFault', policy, reason: body.reason }),
      ifMatch,
    );
  }

  private pinned(fault: ReportedFault): FaultPolicy {
    const policy = this.policies.byVersion(fault.policyVersion);
    if (!policy) throw new Error(`Policy version ${fault.policyVersion} is no longer loaded`);
    return policy;
  }

  private async run(
    id: string,
    command: (fault: ReportedFault, policy: FaultPolicy) => FaultCommand,
    ifMatch: number | undefined,
    created: Record<string, string> = {},
  ) {
    const { state, revision } = await this.handler.load(faultDecider, faultStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Fault', id);
    const result = await this.commands.execute(faultDecider, {
      stream: faultStream(id),
      command: command(state, this.pinned(state)),
      ifMatch,
      metadataFor: () => ({ policyVersion: state.policyVersion, subjectIds: [state.subjectId] }),
    });
    const after = result.state.status === 'none' ? null : result.state;
    return revisioned(
      {
        faultId: id,
        ...created,
        status: after?.status,
        repairDueAt: after?.repairDueAt ?? null,
        events: result.events.map((e) => e.type),
        revision: result.revision!,
      },
      result.revision,
    );
  }
}
