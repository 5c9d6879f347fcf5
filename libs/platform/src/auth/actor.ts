import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from './roles';

/** Who sends the request, from the verified bearer token only. */
export interface AuthenticatedActor {
  /** The token's `sub`. */
  id: string;
  /** Every known role the token grants. */
  roles: Role[];
  /** The role this request acts under: the first of the actor's roles the endpoint allows. */
  role: Role;
}

export interface RequestWithActor {
  actor?: AuthenticatedActor;
}

/** The authenticated actor of the request, for controllers that need to show or pass it. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedActor => {
    const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
    if (!actor) throw new Error('CurrentActor used on an endpoint without roles');
    return actor;
  },
);
