import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import { ConflictingState, NotFound, RuleViolation } from '@sportello/decider';
import { CommandHandler } from '@sportello/eventstore';
import { ApiProblems, CommandGateway, IfMatch, revisioned, Roles } from '@sportello/platform';
import { SubjectRegistry } from '@sportello/privacy/registry';
import { romeDateOf } from '@sportello/sla';
import {
  accountMetadata,
  billingAccountStream,
  pinnedPolicy,
} from '../application/accounts/billing-account-stream';
import { InvoiceNumbers } from '../application/invoice-numbers/invoice-numbers';
import { BILLING_POLICIES, BillingPolicies } from '../application/policies/billing-policies';
import { BillingAccountQueries } from '../application/queries/billing-account-queries';
import { billingAccountView } from '../application/queries/billing-account-view';
import { BillingAccountCommand } from '../domain/billing-account.commands';
import { billingAccountDecider } from '../domain/billing-account.decider';
import { OpenBillingAccountState } from '../domain/billing-account.state';
import { BillingPolicy } from '../domain/billing.policy';
import {
  BillingAccountIdParam,
  BillingAccountOpenedDto,
  BillingCommandResultDto,
  InvoiceLookupParams,
  IssueInvoiceDto,
  ListBillingAccountsQuery,
  OpenBillingAccountDto,
  RecordPaymentDto,
} from './billing-accounts.dto';

const ETAG = { ETag: { description: 'The account revision', schema: { type: 'string' } } };
const READERS = ['operator', 'supervisor', 'auditor'] as const;

@ApiTags('billing')
@Controller('v1/billing-accounts')
export class BillingAccountsHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    private readonly invoiceNumbers: InvoiceNumbers,
    private readonly queries: BillingAccountQueries,
    @Inject(BILLING_POLICIES) private readonly policies: BillingPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: SubjectRegistry,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Open the billing account of a customer contract or line',
    description: 'The operator policy in force today governs it until invoices pin their own.',
  })
  @ApiCreatedResponse({ type: BillingAccountOpenedDto, headers: ETAG })
  @ApiProblems(400, 409, 422)
  async open(@Body() body: OpenBillingAccountDto) {
    const policy = await this.policyInForce(body.operator, romeDateOf(this.clock.now()));
    const accountId = uuidv7();
    const subjectId = await this.subjects.resolveSubject(body.customer);
    const result = await this.commands.execute(billingAccountDecider, {
      stream: billingAccountStream(accountId),
      newStream: true,
      command: {
        type: 'OpenBillingAccount',
        accountId,
        policy,
        customer: { subjectId, ...body.customer },
      },
      metadataFor: () => ({ policyVersion: policy.version }),
    });
    return revisioned(
      { accountId, policyVersion: policy.version, revision: result.revision! },
      result.revision,
      `/v1/billing-accounts/${accountId}`,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List billing accounts, by operator or invoice number' })
  @ApiProblems(400)
  list(@Query() query: ListBillingAccountsQuery) {
    return this.queries.list(query);
  }

  @Get('by-invoice/:operator/:number')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The account that holds an invoice (numbers are unique per operator)' })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async byInvoice(@Param() { operator, number }: InvoiceLookupParams) {
    const accountId = await this.invoiceNumbers.accountOf(operator, number);
    if (!accountId) throw new NotFound('Invoice', number);
    return this.detail({ id: accountId });
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'An account: invoices, payments, disputes, penalties, interest, credits, timeline',
  })
  @ApiOkResponse({ headers: ETAG })
  @ApiProblems(400, 404)
  async detail(@Param() { id }: BillingAccountIdParam) {
    const { state, revision, events } = await this.handler.load(
      billingAccountDecider,
      billingAccountStream(id),
    );
    if (state.status === 'none' || revision === null) throw new NotFound('Billing account', id);
    const versions = [...new Set(state.invoices.map((i) => i.policyVersion))];
    const policies = new Map<string, BillingPolicy | null>();
    for (const version of versions) policies.set(version, await this.policies.byVersion(version));
    const view = billingAccountView(
      state,
      events,
      revision,
      (version) => policies.get(version) ?? null,
      this.clock.now(),
    );
    return revisioned(view, revision);
  }

  @Post(':id/invoices')
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Issue an invoice',
    description:
      'Penalties assessed and refunds scheduled since the last invoice are billed on it (BIL-9, CMP-11).',
  })
  @ApiCreatedResponse({ type: BillingCommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  async issueInvoice(
    @Param() { id }: BillingAccountIdParam,
    @Body() body: IssueInvoiceDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const account = await this.account(id);
    const policy = await this.policyInForce(account.operator, body.issueDate);
    const reservation = await this.invoiceNumbers.reserve(account.operator, body.number, id);
    if (reservation.owner !== id)
      throw new ConflictingState(
        `Invoice ${body.number} of ${account.operator} belongs to another account`,
        { field: 'number' },
      );
    try {
      return await this.run(
        id,
        account,
        {
          type: 'IssueInvoice',
          policy,
          invoiceNumber: body.number,
          issueDate: body.issueDate,
          dueDate: body.dueDate,
          amountCents: body.amountCents,
          lines: body.lines?.map((l) => ({ ...l })) ?? [],
        },
        policy,
        ifMatch,
      );
    } catch (error) {
      if (reservation.fresh) await this.invoiceNumbers.release(account.operator, body.number, id);
      throw error;
    }
  }

  @Post(':id/payments')
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Record a payment of an invoice',
    description:
      'A late payment is assessed at once: PSA penalty (BIL-7, BIL-8) or Fastweb interest (BIL-4); amounts under a pending billing complaint wait for its outcome (BIL-10).',
  })
  @ApiCreatedResponse({ type: BillingCommandResultDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412, 422)
  async recordPayment(
    @Param() { id }: BillingAccountIdParam,
    @Body() body: RecordPaymentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const account = await this.account(id);
    const policy = await pinnedPolicy(this.policies, account, body.invoiceNumber);
    return this.run(
      id,
      account,
      {
        type: 'RecordPayment',
        policy,
        paymentId: uuidv7(),
        invoiceNumber: body.invoiceNumber,
        paidOn: body.paidOn,
        amountCents: body.amountCents,
      },
      policy,
      ifMatch,
    );
  }

  private async account(id: string): Promise<OpenBillingAccountState> {
    const { state } = await this.handler.load(billingAccountDecider, billingAccountStream(id));
    if (state.status === 'none') throw new NotFound('Billing account', id);
    return state;
  }

  private async policyInForce(operator: string, on: string): Promise<BillingPolicy> {
    const policy = await this.policies.inForce(operator, on);
    if (!policy)
      throw new RuleViolation('CAL-9', `No billing policy of operator ${operator} is in force`, {
        field: 'operator',
      });
    return policy;
  }

  private async run(
    id: string,
    account: OpenBillingAccountState,
    command: BillingAccountCommand,
    policy: BillingPolicy,
    ifMatch: number | undefined,
  ) {
    const result = await this.commands.execute(billingAccountDecider, {
      stream: billingAccountStream(id),
      command,
      ifMatch,
      metadataFor: accountMetadata(account, policy.version),
    });
    return revisioned(
      { accountId: id, revision: result.revision!, events: result.events.map((e) => e.type) },
      result.revision,
    );
  }
}
