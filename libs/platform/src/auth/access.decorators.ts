import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { Role } from './roles';

/** Who may call an endpoint. Every endpoint has exactly one declaration; none means refused. */
export type Access = { kind: 'public'; reason: string } | { kind: 'roles'; roles: Role[] };

export const ACCESS_METADATA = 'sportello:access';
export const BEARER_AUTH = 'bearer';
export const ROLES_EXTENSION = 'x-sportello-roles';
export const PUBLIC_EXTENSION = 'x-sportello-public';

/** The endpoint needs a bearer token granting at least one of these roles. */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) throw new Error('@Roles needs at least one role');
  const access: Access = { kind: 'roles', roles: [...new Set(roles)] };
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, access),
    ApiBearerAuth(BEARER_AUTH),
    ApiExtension(ROLES_EXTENSION, access.roles),
    ApiProblems(401, 403, 429),
  ) as MethodDecorator & ClassDecorator;
}

/** The endpoint is open to anyone; the reason says why (probes, scrapers, documentation). */
export function PublicEndpoint(reason: string): MethodDecorator & ClassDecorator {
  const access: Access = { kind: 'public', reason };
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, access),
    ApiExtension(PUBLIC_EXTENSION, reason),
  ) as MethodDecorator & ClassDecorator;
}
