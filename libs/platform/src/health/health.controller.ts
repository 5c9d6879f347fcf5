import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { PublicEndpoint } from '../auth/access.decorators';
import { ProblemException } from '../errors/problem';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ShutdownState } from '../shutdown/shutdown-state';
import { DependencyChecks } from './dependency-checks';

type CheckStatus = Record<string, 'up' | 'down'>;

@ApiTags('operations')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: DependencyChecks,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @PublicEndpoint('Probed by the orchestrator; says only that the process runs')
  @ApiOperation({ summary: 'Liveness: the process is running' })
  @ApiOkResponse({
    schema: { type: 'object', properties: { status: { type: 'string' } } },
    example: { status: 'ok' },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @PublicEndpoint('Probed by the orchestrator; says only which dependencies are up')
  @ApiOperation({ summary: 'Readiness: the database, the event store and Redis answer' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok'] },
        checks: { type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] } },
      },
    },
    example: { status: 'ok', checks: { database: 'up', eventStore: 'up', redis: 'up' } },
  })
  @ApiProblems(503)
  async ready(): Promise<{ status: 'ok'; checks: CheckStatus }> {
    if (this.shutdown.draining)
      throw ProblemException.of('service-unavailable', 'The process is shutting down');
    try {
      const result = await this.health.check([
        () => this.checks.database(),
        () => this.checks.eventStore(),
        () => this.checks.redisServer(),
      ]);
      return { status: 'ok', checks: statuses(result.details) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const details = (error.getResponse() as { details?: Record<string, { status: string }> })
        .details;
      const checks = statuses(details ?? {});
      const down = Object.keys(checks).filter((name) => checks[name] === 'down');
      throw ProblemException.of('service-unavailable', `Not ready: ${down.join(', ')} down`, {
        extensions: { checks },
      });
    }
  }
}

function statuses(details: Record<string, { status: string }>): CheckStatus {
  return Object.fromEntries(
    Object.entries(details).map(([name, { status }]) => [name, status === 'up' ? 'up' : 'down']),
  );
}
