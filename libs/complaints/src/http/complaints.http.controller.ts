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
  Revisioned,
  revisioned,
  Roles,
} from '@sportello/platform';
import { SubjectRegistry } from '@sportello/privacy/registry';
import { toTimeline } from '@sportello/tickets';
import { COMPLAINT_POLICIES, ComplaintPolicies } from '../application/complaint-policies.port';
import { complaintStream } from '../application/deadlines/complaint-answer-deadline';
import { ComplaintQueries } from '../application/queries/complaint-queries';
import { TrackingCodes } from '../application/tracking/tracking-codes';
import { ComplaintCommand } from '../domain/complaint.commands';
import { complaintDecider } from '../domain/complaint.decider';
import { findRecoveryCharge } from '@sportello/billing-incidents';
import { ComplaintFiled, DisputedBillingItem, OutageDetails } from '../domain/complaint.events';
import { complaintLateIndemnity } from '../domain/complaint-indemnity';
import { ComplaintPolicy } from '../domain/complaint.policy';
import {
  AnswerComplaintDto,
  ComplaintFiledDto,
  ComplaintIdParam,
  ComplexityNoticeDto,
  FileComplaintDto,
  ListComplaintsQuery,
  NoteDto,
  OutageDto,
  WithdrawComplaintDto,
} from './complaints.dto';

const ETAG = {
  ETag: {
    description: 'The complaint revision (notices sent to the customer do not change it)',
    schema: { type: 'string' },
  },
};
const READERS = ['operator', 'supervisor', 'auditor'] as const;

function outageDetails(body: OutageDto): OutageDetails {
  return {
    holderName: body.holderName ?? null,
    phoneNumber: body.phoneNumber ?? null,
    disruptionType: body.disruptionType ?? null,
    startedOn: body.startedOn ?? null,
    place: body.place
      ? {
          municipality: body.place.municipality ?? null,
          street: body.place.street ?? null,
          postcode: body.place.postcode ?? null,
        }
      : null,
    outageEndedOn: body.outageEndedOn ?? null,
  };
}

@ApiTags('complaints')
@Controller('v1/complaints')
export class ComplaintsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly trackingCodes: TrackingCodes,
    private readonly queries: ComplaintQueries,
    @Inject(COMPLAINT_POLICIES) private readonly policies: ComplaintPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: SubjectRegistry,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'File a complaint (reclamo)',
    description: 'Returns its tracking code (CMP-2) and answer deadline (CMP-5).',
  })
  @ApiCreatedResponse({ type: ComplaintFiledDto, headers: ETAG })
  @ApiProblems(400, 409, 422)
  async file(@Body() body: FileComplaintDto): Promise<Revisioned<ComplaintFiledDto>> {
    const receivedAt = body.receivedAt ?? body.sentAt ?? this.clock.now().toISOString();
    const policy = this.policies.inForce(body.operator, receivedAt);
    if (!policy) {
      throw new RuleViolation(
        'CAL-9',
        `No policy of operator ${body.operator} is in force at the receipt date`,
        { field: 'operator' },
      );
    }
    const billingItem = body.billingItem
      ? await this.disputedItem(body.billingItem.chargeId)
      : null;
    const complaintId = uuidv7();
    const subjectId = await this.subjects.resolveSubject(body.customer);
    const trackingCode = await this.trackingCodes.reserve(
      complaintId,
      new Date(receivedAt).getUTCFullYear(),
    );
    const result = await this.commands.execute(complaintDecider, {
      stream: complaintStream(complaintId),
      newStream: true,
      command: {
        type: 'FileComplaint',
        complaintId,
        trackingCode,
        policy,
        customer: { subjectId, ...body.customer },
        channel: body.channel,
        receivedAt: body.receivedAt ?? null,
        sentAt: body.sentAt ?? null,
        category: body.category,
        description: body.description,
        invoice: body.invoice
          ? { ...body.invoice, deliveredOn: body.invoice.deliveredOn ?? null }
          : null,
        outage: body.outage ? outageDetails(body.outage) : null,
        billingItem,
      },
      metadataFor: (event) => ({
        policyVersion: policy.version,
        occurredAt:
          event.type === 'ComplaintFiled' ? (event as ComplaintFiled).data.receivedAt : undefined,
      }),
    });
    const filed = result.state.status === 'none' ? null : result.state;
    return revisioned(
      {
        complaintId,
        trackingCode,
        answerDueAt: filed!.answerDueAt,
        policyVersion: policy.version,
        revision: result.revision!,
      },
      result.revision,
      `/v1/complaints/${complaintId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List complaints',
    description:
      'Filters by status, operator, overdue, due before, tracking code; ordered by answer deadline.',
  })
  @ApiProblems(400)
  list(@Query() query: ListComplaintsQuery) {
    return this.queries.list(query, this.clock.now());
  }

  @Get('by-tracking-code/:code')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Find a complaint by its tracking code' })
  @ApiProblems(404)
  async byTrackingCode(@Param('code') code: string) {
    const complaintId = /^RC-\d{4}-[0-9A-Za-z]{8}$/.test(code)
      ? await this.trackingCodes.complaintOf(code)
      : null;
    if (!complaintId) throw new NotFound('Tracking code', code.slice(0, 20));
    return this.detail({ id: complaintId });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A complaint with its customer, deadline, policy version and timeline' })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: ComplaintIdParam) {
    const {
      state,
      etagRevision: revision,
      events,
    } = await this.handler.load(complaintDecider, complaintStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Complaint', id);
    const filed = events[0].data as ComplaintFiled['data'];
    const policy = this.policies.byVersion(state.policyVersion);
    return revisioned(
      {
        complaintId: id,
        trackingCode: state.trackingCode,
        status: state.status,
        operator: state.operator,
        policyVersion: state.policyVersion,
        channel: filed.channel,
        category: filed.category,
        customer: filed.customer,
        description: filed.description,
        invoice: filed.invoice,
        billing: filed.billing,
        receivedAt: state.receivedAt,
        answerDueAt: state.answerDueAt,
        answerDue: filed.answerDue,
        deadlineMissed: state.deadlineMissed,
        answer: state.answer,
        lateIndemnity: policy
          ? complaintLateIndemnity(
              {
                answerDueAt: state.answerDueAt,
                customerType: state.customerType,
                answeredAt: state.answer?.answeredAt ?? null,
                withdrawnAt: state.withdrawnAt,
              },
              policy,
              this.clock.now().toISOString(),
            )
          : null,
        outage: state.outage,
        outageAssessment: filed.outageAssessment ?? null,
        outageMissingFields: state.outageMissing,
        billingItem: filed.billingItem ?? null,
        penaltySuspended: state.penaltySuspended,
        revision,
        timeline: toTimeline(events),
      },
      revision,
    );
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Acknowledge a complaint' })
  @ApiProblems(400, 404, 409, 412)
  acknowledge(@Param() { id }: ComplaintIdParam, @IfMatch() ifMatch: number | undefined) {
    return this.run(id, { type: 'AcknowledgeComplaint' }, ifMatch);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Add a note' })
  @ApiProblems(400, 404, 409, 412)
  addNote(
    @Param() { id }: ComplaintIdParam,
    @Body() body: NoteDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(id, { type: 'AddComplaintNote', noteId: uuidv7(), text: body.text }, ifMatch);
  }

  @Post(':id/complexity-notice')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Record a complexity notice with a new answer date (PSA, CMP-7)' })
  @ApiProblems(400, 404, 409, 412, 422)
  async complexityNotice(
    @Param() { id }: ComplaintIdParam,
    @Body() body: ComplexityNoticeDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const policy = await this.pinnedPolicy(id);
    return this.run(id, { type: 'SendComplexityNotice', policy, ...body }, ifMatch);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Answer in writing: upheld with measures, or rejected with reasons (CMP-6)',
  })
  @ApiProblems(400, 404, 409, 412, 422)
  answer(
    @Param() { id }: ComplaintIdParam,
    @Body() body: AnswerComplaintDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      {
        type: 'AnswerComplaint',
        outcome: body.outcome,
        answeredAt: body.answeredAt,
        answerDocument: body.answerDocument ?? null,
        measures: body.measures ?? [],
        refundCents: body.refundCents ?? null,
        paymentDueOn: body.paymentDueOn ?? null,
      },
      ifMatch,
    );
  }

  @Post(':id/outage-details')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Complete the details of an outage complaint (CMP-9)',
    description: 'The fields the customer supplies later; the rest stays as filed.',
  })
  @ApiProblems(400, 404, 409, 412, 422)
  completeOutage(
    @Param() { id }: ComplaintIdParam,
    @Body() body: OutageDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(id, { type: 'CompleteOutageDetails', outage: outageDetails(body) }, ifMatch);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Record that the customer withdrew the complaint' })
  @ApiProblems(400, 404, 409, 412)
  withdraw(
    @Param() { id }: ComplaintIdParam,
    @Body() body: WithdrawComplaintDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(id, { type: 'WithdrawComplaint', reason: body.reason }, ifMatch);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Close an answered or withdrawn complaint' })
  @ApiProblems(400, 404, 409, 412)
  close(@Param() { id }: ComplaintIdParam, @IfMatch() ifMatch: number | undefined) {
    return this.run(id, { type: 'CloseComplaint' }, ifMatch);
  }

  /** BIL-15: a recovery charge is open to complaint like any billing item. */
  private async disputedItem(chargeId: string): Promise<DisputedBillingItem> {
    const charge = await findRecoveryCharge(this.handler, chargeId);
    if (!charge) {
      throw new RuleViolation('BIL-15', 'No recovery plan lists this charge', {
        field: 'billingItem.chargeId',
      });
    }
    return {
      kind: charge.kind,
      chargeId: charge.chargeId,
      recoveryId: charge.recoveryId,
      incidentId: charge.incidentId,
      operator: charge.operator,
      recovers: charge.recovers,
      label: charge.label,
      amountCents: charge.amountCents,
      invoiceNumber: charge.invoiceNumber,
    };
  }

  private async pinnedPolicy(id: string): Promise<ComplaintPolicy> {
    const { state } = await this.handler.load(complaintDecider, complaintStream(id));
    if (state.status === 'none') throw new NotFound('Complaint', id);
    const policy = this.policies.byVersion(state.policyVersion);
    if (!policy) throw new Error(`Policy version ${state.policyVersion} is no longer loaded`);
    return policy;
  }

  private async run(id: string, command: ComplaintCommand, ifMatch: number | undefined) {
    const { state, revision } = await this.handler.load(complaintDecider, complaintStream(id));
    if (state.status === 'none' || revision === null) throw new NotFound('Complaint', id);
    const result = await this.commands.execute(complaintDecider, {
      stream: complaintStream(id),
      command,
      ifMatch,
      metadataFor: () => ({ policyVersion: state.policyVersion }),
    });
    return revisioned({ complaintId: id, revision: result.revision! }, result.revision);
  }
}
