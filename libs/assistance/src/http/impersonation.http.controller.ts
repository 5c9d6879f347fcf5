import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { ApiProblems, IfMatch, Revisioned, revisioned, Roles } from '@sportello/platform';
import { AssistanceCommands } from '../application/assistance-commands';
import { ImpersonationTokens } from '../application/tokens/impersonation-tokens';
import { AssistanceCommand, TokenRequest } from '../domain/assistance.commands';
import { ImpersonationTokenIssued } from '../domain/assistance.events';
import { AssistanceProfiles } from '../policies/assistance-profiles';
import {
  EndSessionDto,
  RequestImpersonationDto,
  RevisionDto,
  SessionParam,
  SessionRequestedDto,
  SessionTokenDto,
  StartSessionDto,
  TicketIdParam,
} from './assistance.dto';
import { WORKERS } from './assistance-roles';

const ETAG = { ETag: { description: 'The ticket revision', schema: { type: 'string' } } };
const WRITE_PROBLEMS = [400, 404, 409, 412, 422] as const;

/** IMP-1..IMP-5: the operator's side of an impersonation session. */
@ApiTags('assistance')
@Controller('v1/assistance/tickets/:id/impersonation-sessions')
export class ImpersonationHttpController {
  constructor(
    private readonly commands: AssistanceCommands,
    private readonly tokens: ImpersonationTokens,
    private readonly profiles: AssistanceProfiles,
  ) {}

  @Post()
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Ask to impersonate the customer, with a purpose and a scope (IMP-1..IMP-3)',
    description:
      'Refused with IMP-1, and the refusal recorded, unless the ticket concerns an online service ' +
      'and names this platform. The session then waits for the customer’s consent.',
  })
  @ApiCreatedResponse({ type: SessionRequestedDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async request(
    @Param() { id }: TicketIdParam,
    @Body() body: RequestImpersonationDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<Revisioned<SessionRequestedDto>> {
    const sessionId = uuidv7();
    const result = await this.commands.run(
      id,
      {
        type: 'RequestImpersonation',
        policy: this.profiles.current()!,
        sessionId,
        subjectId: body.subjectId ?? null,
        platform: body.platform,
        purpose: body.purpose,
        areas: body.areas,
      },
      ifMatch,
    );
    return revisioned(
      { ticketId: id, sessionId, revision: result.revision! },
      result.revision,
      `/v1/assistance/tickets/${id}`,
    );
  }

  @Post(':sessionId/start')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: 'Start under the customer’s consent for this session, and get a token (IMP-5)',
    description:
      'The token is signed (JWKS at /.well-known/jwks.json), read-only, scoped to the ticket and ' +
      'session, names the customer as subject and the operator as actor (RFC 8693 `act`), and ' +
      'lives at most 15 minutes, never past the consent.',
  })
  @ApiOkResponse({ type: SessionTokenDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  start(
    @Param() { id, sessionId }: SessionParam,
    @Body() body: StartSessionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.withToken(
      id,
      (token) => ({
        type: 'StartImpersonationSession',
        sessionId,
        consentId: body.consentId,
        token,
      }),
      ifMatch,
    );
  }

  @Post(':sessionId/tokens')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'A fresh short-lived token for a live session' })
  @ApiOkResponse({ type: SessionTokenDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  token(@Param() { id, sessionId }: SessionParam, @IfMatch() ifMatch: number | undefined) {
    return this.withToken(
      id,
      (token) => ({ type: 'IssueImpersonationToken', sessionId, token }),
      ifMatch,
    );
  }

  @Post(':sessionId/end')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'End the session; its tokens are refused from now on' })
  @ApiOkResponse({ type: RevisionDto, headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async end(
    @Param() { id, sessionId }: SessionParam,
    @Body() body: EndSessionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    const result = await this.commands.run(
      id,
      { type: 'EndImpersonationSession', sessionId, outcome: body.outcome },
      ifMatch,
    );
    return revisioned({ ticketId: id, revision: result.revision! }, result.revision);
  }

  private async withToken(
    ticketId: string,
    command: (token: TokenRequest) => AssistanceCommand,
    ifMatch: number | undefined,
  ): Promise<Revisioned<SessionTokenDto>> {
    const request: TokenRequest = {
      tokenId: uuidv7(),
      audience: this.tokens.audience,
      ttlSeconds: this.tokens.ttlSeconds,
    };
    const result = await this.commands.run(ticketId, command(request), ifMatch);
    const issued = result.events.find(
      (e): e is ImpersonationTokenIssued => e.type === 'ImpersonationTokenIssued',
    )!;
    const state = result.state.status === 'none' ? null : result.state;
    const session = state!.impersonations[issued.data.sessionId];
    return revisioned(
      {
        ticketId,
        sessionId: issued.data.sessionId,
        token: await this.tokens.sign(issued.data, session),
        tokenId: issued.data.tokenId,
        expiresAt: issued.data.expiresAt,
        revision: result.revision!,
      },
      result.revision,
    );
  }
}
