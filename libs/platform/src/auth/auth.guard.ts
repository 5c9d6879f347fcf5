import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemException } from '../errors/problem';
import { RequestContext } from '../context/request-context';
import { Access, ACCESS_METADATA } from './access.decorators';
import { AuthenticatedActor, RequestWithActor } from './actor';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const CHALLENGE = 'Bearer realm="sportello"';

/**
 * Global guard: every endpoint must declare its access. Public ones pass; the others need a
 * verified bearer token granting one of the declared roles. An endpoint without a declaration
 * is refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly context: RequestContext,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (!access) {
      this.logger.error(
        `${execution.getClass().name}.${execution.getHandler().name} declares no access; refused`,
      );
      throw ProblemException.of('forbidden', 'This endpoint is not open to anyone');
    }
    if (access.kind === 'public') return true;

    const request = execution.switchToHttp().getRequest<Request & RequestWithActor>();
    const token = bearerToken(request.headers.authorization);
    let verified;
    try {
      verified = await this.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw ProblemException.of('unauthorized', error.message, {
        headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
      });
    }
    const role = verified.roles.find((held) => access.roles.includes(held));
    if (!role)
      throw ProblemException.of(
        'forbidden',
        `This endpoint is for the roles: ${access.roles.join(', ')}`,
      );
    const actor: AuthenticatedActor = { id: verified.subject, roles: verified.roles, role };
    request.actor = actor;
    this.context.setActor(actor);
    return true;
  }
}

function bearerToken(header: string | undefined): string {
  if (!header)
    throw ProblemException.of('unauthorized', 'Send a bearer token in the Authorization header', {
      headers: { 'WWW-Authenticate': CHALLENGE },
    });
  const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(header);
  if (!match)
    throw ProblemException.of('unauthorized', 'The Authorization header must be "Bearer <token>"', {
      headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_request"` },
    });
  return match[1];
}
