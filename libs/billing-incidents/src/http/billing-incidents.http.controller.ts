import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound, RuleViolation } from '@sportello/decider';
import { CommandHandler } from '@sportello/eventstore';
import { ApiProblems, CommandGateway, IfMatch, revisioned, Roles } from '@sportello/platform';
import { SubjectRegistry } from '@sportello/privacy/registry';
import { toTimeline } from '@sportello/tickets';
import {
  BILLING_INCIDENT_POLICIES,
  BillingIncidentPolicies,
} from '../application/billing-incident-policies.port';
import {
  billingIncidentStream,
  billingRecoveryStream,
} from '../application/billing-incident-streams';
import { BillingIncidentQueries } from '../application/queries/billing-incident-queries';
import { billingIncidentDecider } from '../domain/billing-incident.decider';
import { BillingIncidentDeclared } from '../domain/billing-incident.events';
import { BillingIncidentPolicy } from '../domain/billing-incident.policy';
import { BillingRecoveryCommand } from '../domain/billing-recovery.commands';
import { billingRecoveryDecider } from '../domain/billing-recovery.decider';
import { AffectedCustomerAdded } from '../domain/billing-recovery.events';
import { OpenRecovery } from '../domain/billing-recovery.state';
import {
  AddAffectedCustomerDto,
  AffectedCustomerAddedDto,
  BillingRecoveryDto,
  DeclareBillingIncidentDto,
  IncidentDeclaredDto,
  IncidentIdParam,
  ListBillingIncidentsQuery,
  ManualSmsNoticeDto,
  RecordChargeBilledDto,
  RecoveryParams,
  RecoveryRevisionDto,
} from './billing-incidents.dto';

const INCIDENT_ETAG = {
  ETag: { description: 'The incident revision', schema: { type: 'string' } },
};
const RECOVERY_ETAG = {
  ETag: { description: "The customer's recovery revision", schema: { type: 'string' } },
};
const READERS = ['operator', 'supervisor', 'auditor'] as const;

@ApiTags('billing-incidents')
@Controller('v1/billing-incidents')
export class BillingIncidentsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly queries: BillingIncidentQueries,
    @Inject(BILLING_INCIDENT_POLICIES) private readonly policies: BillingIncidentPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: SubjectRegistry,
  ) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Declare a billing incident: fees left uncharged by a billing-system fault (BIL-15)',
  })
  @ApiCreatedResponse({ type: IncidentDeclaredDto, headers: INCIDENT_ETAG })
  @ApiProblems(400, 409, 422)
  async declare(@Body() body: DeclareBillingIncidentDto) {
    const declaredAt = body.declaredAt ?? this.clock.now().toISOString();
    if (!this.policies.operatorKnown(body.operator, declaredAt))
      throw new RuleViolation(
        'CAL-9',
        `No policy of operator ${body.operator} is in force at the declaration date`,
        { field: 'operator' },
      );
    const policy = this.policies.inForce(body.operator, declaredAt);
    const incidentId = uuidv7();
    const result = await this.commands.execute(billingIncidentDecider, {
      stream: billingIncidentStream(incidentId),
      newStream: true,
      command: {
        type: 'DeclareBillingIncident',
        incidentId,
        policy,
        serviceName: body.service.name,
        monthlyFeeCents: body.service.monthlyFeeCents,
        cause: body.cause,
        periods: body.periods,
        declaredAt: body.declaredAt ?? null,
      },
      metadataFor: (event) => ({
        policyVersion: policy?.version,
        occurredAt: (event as BillingIncidentDeclared).data.declaredAt,
      }),
    });
    return revisioned(
      { incidentId, policyVersion: policy!.version, revision: result.revision! },
      result.revision,
      `/v1/billing-incidents/${incidentId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List billing incidents, newest first' })
  @ApiProblems(400)
  list(@Query() query: ListBillingIncidentsQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'A billing incident with its affected customers (ids only) and its timeline',
  })
  @ApiOkResponse({ headers: INCIDENT_ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: IncidentIdParam) {
    const { state, revision, events } = await this.handler.load(
      billingIncidentDecider,
      billingIncidentStream(id),
    );
    if (state.status === 'none' || revision === null) throw new NotFound('Incident', id);
    const declared = events[0].data as BillingIncidentDeclared['data'];
    return revisioned(
      {
        ...declared,
        affectedCustomers: await this.queries.recoveriesOf(id),
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/affected-customers')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Add an affected customer: opens their recovery and asks for the SMS notice (NTF-10)',
  })
  @ApiCreatedResponse({ type: AffectedCustomerAddedDto, headers: RECOVERY_ETAG })
  @ApiProblems(400, 404, 409, 422)
  async addAffectedCustomer(
    @Param() { id }: IncidentIdParam,
    @Body() body: AddAffectedCustomerDto,
  ) {
    const { state: incident } = await this.handler.load(
      billingIncidentDecider,
      billingIncidentStream(id),
    );
    if (incident.status === 'none') throw new NotFound('Incident', id);
    const policy = this.pinned(incident.policyVersion);
    const recoveryId = uuidv7();
    const subjectId = await this.subjects.resolveSubject(body.customer);
    const noticeBy = body.noticeBy ?? 'system';
    const result = await this.commands.execute(billingRecoveryDecider, {
      stream: billingRecoveryStream(recoveryId),
      command: {
        type: 'AddAffectedCustomer',
        recoveryId,
        incident: {
          incidentId: id,
          operator: incident.operator,
          policyVersion: incident.policyVersion,
          service: incident.service,
          cause: incident.cause,
          periods: incident.periods,
        },
        policy,
        customer: {
          subjectId,
          customerType: body.customer.customerType,
          name: body.customer.name,
          phone: body.customer.phone,
          lineId: body.customer.lineId ?? null,
        },
        periods: body.periods ?? null,
        monthlyFeeCents: body.monthlyFeeCents ?? null,
        noticeBy,
      },
      metadataFor: () => ({ policyVersion: policy.version, subjectIds: [subjectId] }),
    });
    const added = result.events[0] as AffectedCustomerAdded;
    return revisioned(
      {
        incidentId: id,
        recoveryId,
        subjectId,
        arrearsCents: added.data.arrearsCents,
        noticeBy,
        revision: result.revision!,
      },
      result.revision,
      `/v1/billing-incidents/${id}/affected-customers/${recoveryId}`,
    );
  }

  @Get(':id/affected-customers/:recoveryId')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      "An affected customer's recovery: customer, notice, regular charges, the plan and its charges, and the timeline",
  })
  @ApiOkResponse({ type: BillingRecoveryDto, headers: RECOVERY_ETAG })
  @ApiProblems(400, 404)
  async recovery(@Param() { id, recoveryId }: RecoveryParams) {
    const { state, revision, events } = await this.loadRecovery(id, recoveryId);
    const added = events[0].data as AffectedCustomerAdded['data'];
    return revisioned(
      {
        recoveryId,
        incidentId: id,
        status: state.status,
        operator: state.operator,
        policyVersion: state.policyVersion,
        customer: added.customer,
        service: added.service,
        missed: added.missed,
        arrearsCents: state.arrearsCents,
        noticeBy: state.noticeBy,
        notice: state.notice,
        plan: state.plan && {
          ...state.plan,
          charges: state.plan.charges.map((charge) => {
            const billed = state.billed[charge.chargeId];
            return {
              ...charge,
              status: billed ? 'billed' : 'scheduled',
              invoiceNumber: billed?.invoiceNumber ?? null,
              billedOn: billed?.billedOn ?? null,
            };
          }),
        },
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/affected-customers/:recoveryId/sms-notice')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Record an SMS notice sent outside the system (NTF-10); the plan follows from it',
  })
  @ApiOkResponse({ type: RecoveryRevisionDto, headers: RECOVERY_ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  recordSmsNotice(
    @Param() { id, recoveryId }: RecoveryParams,
    @Body() body: ManualSmsNoticeDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      recoveryId,
      { type: 'RecordManualNotice', sentAt: body.sentAt, smsReference: body.smsReference },
      ifMatch,
      body.sentAt,
    );
  }

  @Post(':id/affected-customers/:recoveryId/recovery-plan')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Issue the recovery plan now (normally automatic once notified); refused before the SMS (NTF-10)',
  })
  @ApiOkResponse({ type: RecoveryRevisionDto, headers: RECOVERY_ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  async issuePlan(
    @Param() { id, recoveryId }: RecoveryParams,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const { state } = await this.loadRecovery(id, recoveryId);
    const policy = this.pinned(state.policyVersion);
    return this.run(id, recoveryId, { type: 'IssueRecoveryPlan', policy }, ifMatch);
  }

  @Post(':id/affected-customers/:recoveryId/billed-charges')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Record a recovery charge as billed on an invoice (BIL-15, AMB-28)',
  })
  @ApiOkResponse({ type: RecoveryRevisionDto, headers: RECOVERY_ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  recordChargeBilled(
    @Param() { id, recoveryId }: RecoveryParams,
    @Body() body: RecordChargeBilledDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      recoveryId,
      {
        type: 'RecordRecoveryChargeBilled',
        chargeId: body.chargeId,
        invoiceNumber: body.invoiceNumber,
        billedOn: body.billedOn,
      },
      ifMatch,
    );
  }

  private pinned(version: string): BillingIncidentPolicy {
    const policy = this.policies.byVersion(version);
    if (!policy) throw new Error(`Policy version ${version} is no longer loaded`);
    return policy;
  }

  private async loadRecovery(incidentId: string, recoveryId: string) {
    const loaded = await this.handler.load(
      billingRecoveryDecider,
      billingRecoveryStream(recoveryId),
    );
    const { state, revision } = loaded;
    if (state.status === 'none' || revision === null || state.incidentId !== incidentId)
      throw new NotFound('Recovery', recoveryId);
    return { ...loaded, state: state as OpenRecovery, revision };
  }

  private async run(
    incidentId: string,
    recoveryId: string,
    command: BillingRecoveryCommand,
    ifMatch: number | undefined,
    occurredAt?: string,
  ) {
    const { state } = await this.loadRecovery(incidentId, recoveryId);
    const result = await this.commands.execute(billingRecoveryDecider, {
      stream: billingRecoveryStream(recoveryId),
      command,
      ifMatch,
      metadataFor: () => ({
        policyVersion: state.policyVersion,
        subjectIds: [state.subjectId],
        occurredAt,
      }),
    });
    return revisioned({ recoveryId, revision: result.revision! }, result.revision);
  }
}
