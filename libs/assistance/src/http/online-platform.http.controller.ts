import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, CLOCK } from '@sportello/clock';
import { ApiProblems, ProblemException, PublicEndpoint, RequestContext } from '@sportello/platform';
import { AssistanceCommands, IMPERSONATION_CHALLENGE } from '../application/assistance-commands';
import {
  ImpersonationClaims,
  ImpersonationTokens,
} from '../application/tokens/impersonation-tokens';
import { tokenVerdict } from '../domain/token-verdict';
import {
  ActivityDto,
  ActivityRecordedDto,
  IntrospectDto,
  IntrospectionDto,
  JwksDto,
} from './assistance.dto';

function bearer(header: string | undefined): string {
  const match = header ? /^Bearer +([A-Za-z0-9\-_.]+) *$/i.exec(header) : null;
  if (!match)
    throw ProblemException.of('unauthorized', 'Send the impersonation token as a bearer token', {
      headers: { 'WWW-Authenticate': IMPERSONATION_CHALLENGE },
    });
  return match[1];
}

const invalidToken = () =>
  ProblemException.of('unauthorized', 'This is not a valid impersonation token', {
    headers: { 'WWW-Authenticate': `${IMPERSONATION_CHALLENGE}, error="invalid_token"` },
  });

/**
 * What the online platform calls: the key set to verify impersonation tokens, the check that a
 * token is still live, and the report of what was viewed or attempted under it (IMP-5).
 */
@ApiTags('assistance: online platform')
@Controller()
export class OnlinePlatformHttpController {
  constructor(
    private readonly commands: AssistanceCommands,
    private readonly tokens: ImpersonationTokens,
    private readonly context: RequestContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('.well-known/jwks.json')
  @PublicEndpoint('Public keys that verify impersonation tokens (RFC 7517)')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The public keys of impersonation tokens (JWKS)' })
  @ApiOkResponse({ type: JwksDto })
  jwks() {
    return this.tokens.jwks();
  }

  @Post('v1/assistance/tokens/introspect')
  @HttpCode(200)
  @PublicEndpoint('Token introspection: possession of the token is the credential (RFC 7662)')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Is this impersonation token still live? (RFC 7662 style)',
    description:
      '`active: false`, and nothing else, once the session ended or expired, the consent was ' +
      'withdrawn or the token expired; otherwise the claims.',
  })
  @ApiOkResponse({ type: IntrospectionDto })
  @ApiProblems(400, 409, 422)
  async introspect(@Body() body: IntrospectDto) {
    const now = this.clock.now();
    const checked = await this.tokens.verify(body.token, now);
    if (checked.status !== 'valid') return { active: false };
    const { claims } = checked;
    const { state } = await this.commands.load(claims.ticket_id).catch(() => ({ state: null }));
    if (!state) return { active: false };
    const verdict = tokenVerdict(state, claims.session_id, claims.jti, now.toISOString());
    return verdict.active ? { active: true, token_type: 'Bearer', ...claims } : { active: false };
  }

  @Post('v1/assistance/impersonation/activity')
  @HttpCode(200)
  @PublicEndpoint('Authenticated by the impersonation token itself, not by a staff token')
  @ApiHeader({ name: 'Authorization', required: true, description: 'Bearer <impersonation token>' })
  @ApiOperation({
    summary: 'Report a resource viewed, or an action attempted, under impersonation (IMP-3..IMP-5)',
    description:
      'A view within the session scope is recorded; a write, a payment or a view outside the ' +
      'scope is refused with 422 and recorded; a token no longer live is refused with 401 and ' +
      'the attempt recorded.',
  })
  @ApiOkResponse({ type: ActivityRecordedDto })
  @ApiProblems(400, 401, 404, 409, 422)
  async activity(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: ActivityDto,
  ): Promise<ActivityRecordedDto> {
    const checked = await this.tokens.verify(bearer(authorization), this.clock.now());
    if (checked.status === 'invalid') throw invalidToken();
    const claims: ImpersonationClaims = checked.claims;
    // The operator acts through the platform: the events name them as the actor.
    this.context.setActor({ id: claims.act.sub, roles: ['operator'], role: 'operator' });
    const result = await this.commands.run(claims.ticket_id, {
      type: 'RecordImpersonationActivity',
      sessionId: claims.session_id,
      tokenId: claims.jti,
      kind: body.kind,
      area: body.area,
      resource: body.resource,
    });
    return { recorded: result.events[result.events.length - 1].type };
  }
}
