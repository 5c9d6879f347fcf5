import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import {
  ApiProblems,
  AuthenticatedActor,
  CurrentActor,
  IfMatch,
  Revisioned,
  revisioned,
  Roles,
} from '@sportello/platform';
import { SubjectRegistry } from '@sportello/privacy/registry';
import { AssistanceCommands } from '../application/assistance-commands';
import { AssistanceQueries, toAuditTrail } from '../application/queries/assistance-queries';
import { ticketView } from '../application/queries/ticket-view';
import { AssistanceReferences } from '../application/references/assistance-references';
import { sessionCodeDigest } from '../application/remote/session-codes';
import { AssistanceCommand } from '../domain/assistance.commands';
import { DataSubject } from '../domain/assistance.events';
import { AssistancePolicy, PERSONAL_FIELDS, PersonalField } from '../domain/assistance.policy';
import { AssistanceProfiles } from '../policies/assistance-profiles';
import {
  AttachmentDto,
  CallbackDto,
  CloseTicketDto,
  ConsentDto,
  ConsentParam,
  ContactDto,
  DataRequestDto,
  ListAssistanceQuery,
  OpenAssistanceTicketDto,
  PersonDto,
  RecordStepDto,
  RevisionDto,
  TicketIdParam,
  TicketOpenedDto,
  UpdateContactDetailsDto,
} from './assistance.dto';
import { AUDIT_READERS, READERS, WORKERS } from './assistance-roles';

const ETAG = { ETag: { description: 'The ticket revision', schema: { type: 'string' } } };
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

/** The PRV-2 fields as given, absent ones left out. */
function fields(body: PersonDto): Partial<Record<PersonalField, string>> {
  const given: Partial<Record<PersonalField, string>> = {};
  for (const field of PERSONAL_FIELDS) if (body[field] !== undefined) given[field] = body[field];
  return given;
}

const person = (subjectId: string, role: DataSubject['role'], body: PersonDto): DataSubject => ({
  subjectId,
  role,
  ...fields(body),
});

@ApiTags('assistance')
@Controller('v1/assistance/tickets')
export class AssistanceTicketsHttpController {
  constructor(
    private readonly commands: AssistanceCommands,
    private readonly queries: AssistanceQueries,
    private readonly references: AssistanceReferences,
    private readonly profiles: AssistanceProfiles,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: SubjectRegistry,
  ) {}

  @Post()
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Open an assistance ticket on an online-service problem',
    description:
      'The caller and other people involved are data subjects; only the fields of the ANASTASIS ' +
      'profile may be given (PRV-2), each sealed in storage.',
  })
  @ApiCreatedResponse({ type: TicketOpenedDto, headers: ETAG })
  @ApiProblems(400, 409, 422)
  async open(@Body() body: OpenAssistanceTicketDto): Promise<Revisioned<TicketOpenedDto>> {
    const policy = this.policy();
    if (body.linkedTo) await this.commands.checkLink(body.linkedTo);
    const caller = await this.resolve(policy, 'caller', body.caller);
    const involved: DataSubject[] = [];
    for (const p of body.involved ?? []) involved.push(await this.resolve(policy, 'involved', p));
    const ticketId = uuidv7();
    const reference = await this.references.reserve(ticketId, this.clock.now().getUTCFullYear());
    const result = await this.commands.open({
      type: 'OpenAssistanceTicket',
      ticketId,
      reference,
      operator: body.operator,
      policy,
      channel: body.channel,
      problem: {
        category: body.problem.category,
        platform: body.problem.platform ?? null,
        summary: body.problem.summary,
      },
      caller,
      involved,
      linkedTo: body.linkedTo ? { kind: body.linkedTo.kind, id: body.linkedTo.id } : null,
    });
    return revisioned(
      { ticketId, reference, policyVersion: policy.version, revision: result.revision! },
      result.revision,
      `/v1/assistance/tickets/${ticketId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List assistance tickets',
    description: 'Filters by status, operator, category, reference. No personal data.',
  })
  @ApiProblems(400)
  list(@Query() query: ListAssistanceQuery) {
    return this.queries.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'A ticket with its people, problem, consents and sessions',
    description:
      'PRV-5: once the ticket is closed, operators and supervisors see it without its personal ' +
      'data until the customer makes a new contact; auditors and privacy officers always read it.',
  })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: TicketIdParam, @CurrentActor() actor: AuthenticatedActor) {
    const { state, events, etagRevision } = await this.commands.load(id);
    const withhold = state.status === 'closed' && WORKERS.includes(actor.role);
    return revisioned(ticketView(state, events, etagRevision, withhold), etagRevision);
  }

  @Get(':id/audit')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    summary: 'Audit view: every consent, session, token issued and action, in order',
    description: 'The ticket’s log as recorded, with actor, business and system time of each fact.',
  })
  @ApiProblems(400, 404)
  async audit(@Param() { id }: TicketIdParam) {
    const { events, etagRevision } = await this.commands.load(id);
    return { ticketId: id, revision: etagRevision, entries: toAuditTrail(events) };
  }

  @Post(':id/involved-people')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'Add another person involved in the problem (PRV-2)' })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async addInvolved(
    @Param() { id }: TicketIdParam,
    @Body() body: PersonDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const policy = this.policy();
    const involved = await this.resolve(policy, 'involved', body);
    return this.run(
      id,
      { type: 'AddInvolvedPerson', policy, person: involved },
      ifMatch,
      involved.subjectId,
    );
  }

  @Post(':id/contact-details')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'Correct the contact details of a person on the ticket (PRV-2, PRV-5)' })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  updateContactDetails(
    @Param() { id }: TicketIdParam,
    @Body() body: UpdateContactDetailsDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const { subjectId, ...changes } = body;
    return this.run(
      id,
      {
        type: 'UpdateContactDetails',
        policy: this.policy(),
        subjectId,
        changes: fields(changes),
      },
      ifMatch,
    );
  }

  @Post(':id/steps')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Record an assistance step and whether it solved the problem (RAS-1)',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  recordStep(
    @Param() { id }: TicketIdParam,
    @Body() body: RecordStepDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const stepId = uuidv7();
    return this.run(id, { type: 'RecordAssistanceStep', stepId, ...body }, ifMatch, stepId);
  }

  @Post(':id/attachments')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Attach a file reference (never an identity document, PRV-12; never a call, PRV-4)',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  addAttachment(
    @Param() { id }: TicketIdParam,
    @Body() body: AttachmentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const attachmentId = uuidv7();
    return this.run(
      id,
      { type: 'AddAttachment', policy: this.policy(), attachmentId, ...body },
      ifMatch,
      attachmentId,
    );
  }

  @Post(':id/callbacks')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'Schedule a call back, only to continue the resolution (PRV-3)' })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  scheduleCallback(
    @Param() { id }: TicketIdParam,
    @Body() body: CallbackDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const callbackId = uuidv7();
    return this.run(
      id,
      {
        type: 'ScheduleCallback',
        callbackId,
        subjectId: body.subjectId ?? null,
        at: body.at,
        purpose: body.purpose,
      },
      ifMatch,
      callbackId,
    );
  }

  @Post(':id/data-requests')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Ask the customer for data (anti-fraud guard, SUP-1..SUP-4)',
    description:
      'Identity documents, card and bank details, personal data: refused with the rule id and ' +
      'recorded for supervisors. Only the SUP-4 e-invoicing correction is allowed.',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  requestData(
    @Param() { id }: TicketIdParam,
    @Body() body: DataRequestDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const requestId = uuidv7();
    return this.run(
      id,
      { type: 'RequestCustomerData', requestId, kind: body.kind, reason: body.reason },
      ifMatch,
      requestId,
    );
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Record a new contact by the customer; reopens a closed ticket (PRV-5)',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  recordContact(
    @Param() { id }: TicketIdParam,
    @Body() body: ContactDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const contactId = uuidv7();
    return this.run(
      id,
      {
        type: 'RecordCustomerContact',
        contactId,
        subjectId: body.subjectId ?? null,
        channel: body.channel,
        receivedAt: body.receivedAt,
        summary: body.summary,
      },
      ifMatch,
      contactId,
    );
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'Close the ticket; live sessions end at once (PRV-5)' })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  close(
    @Param() { id }: TicketIdParam,
    @Body() body: CloseTicketDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(
      id,
      { type: 'CloseAssistanceTicket', resolution: body.resolution, summary: body.summary ?? null },
      ifMatch,
    );
  }

  @Post(':id/consents')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Record the customer’s consent for one session (IMP-5, RAS-2, RAS-5)',
    description:
      'Channel, time, evidence and expiry; for remote assistance the device and the one-time ' +
      'session code the customer confirmed; for a device action, the action.',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  recordConsent(
    @Param() { id }: TicketIdParam,
    @Body() body: ConsentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const consentId = uuidv7();
    return this.run(
      id,
      {
        type: 'RecordConsent',
        consentId,
        kind: body.kind,
        sessionId: body.sessionId,
        channel: body.channel,
        givenAt: body.givenAt,
        expiresAt: body.expiresAt,
        evidenceReference: body.evidenceReference,
        device: body.device ? { kind: body.device.kind, software: body.device.software } : null,
        action: body.action
          ? { kind: body.action.kind, description: body.action.description }
          : null,
        sessionCodeDigest: body.sessionCode ? sessionCodeDigest(body.sessionCode) : null,
      },
      ifMatch,
      consentId,
    );
  }

  @Post(':id/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Record that the customer withdrew a consent; its session ends at once',
  })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  withdrawConsent(
    @Param() { id, consentId }: ConsentParam,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.run(id, { type: 'WithdrawConsent', consentId }, ifMatch, consentId);
  }

  /**
   * One person is one data subject across tickets, found by the identifiers given. Only those the
   * profile lets operators collect are indexed: the decider refuses the others (PRV-2).
   */
  private async resolve(
    policy: AssistancePolicy,
    role: DataSubject['role'],
    body: PersonDto,
  ): Promise<DataSubject> {
    const allowed = (field: 'fiscalCode' | 'phone' | 'email') =>
      policy.collectable.includes(field) ? body[field] : undefined;
    const subjectId = await this.subjects.resolveSubject({
      fiscalCode: allowed('fiscalCode'),
      phone: allowed('phone'),
      email: allowed('email'),
    });
    return person(subjectId, role, body);
  }

  private policy(): AssistancePolicy {
    const policy = this.profiles.current();
    if (!policy) throw new Error('The ANASTASIS assistance profile is not loaded');
    return policy;
  }

  private async run(
    ticketId: string,
    command: AssistanceCommand,
    ifMatch: number | undefined,
    createdId?: string,
  ): Promise<Revisioned<RevisionDto>> {
    const result = await this.commands.run(ticketId, command, ifMatch);
    return revisioned(
      { ticketId, revision: result.revision!, ...(createdId ? { id: createdId } : {}) },
      result.revision,
    );
  }
}
