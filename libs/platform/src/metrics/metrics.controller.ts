import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { PublicEndpoint } from '../auth/access.decorators';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @PublicEndpoint('Scraped by Prometheus; holds counts and latencies only, no personal data')
  @ApiOperation({ summary: 'Prometheus metrics' })
  @ApiOkResponse({
    description: 'Metrics in the Prometheus text format',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example:
          '# HELP sportello_commands_total Commands handled, by command type and outcome\n' +
          '# TYPE sportello_commands_total counter\n' +
          'sportello_commands_total{type="FileComplaint",outcome="accepted"} 42\n',
      },
    },
  })
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    response.setHeader('Content-Type', contentType);
    response.send(body);
  }
}
