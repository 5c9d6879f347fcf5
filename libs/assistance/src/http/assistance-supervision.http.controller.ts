import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@sportello/platform';
import { AssistanceQueries } from '../application/queries/assistance-queries';
import { ConductAlertsQuery } from './assistance.dto';

/** What supervisors watch: the refused attempts the anti-fraud and impersonation guards recorded. */
@ApiTags('assistance')
@Controller('v1/assistance/conduct-alerts')
export class AssistanceSupervisionHttpController {
  constructor(private readonly queries: AssistanceQueries) {}

  @Get()
  @Roles('supervisor', 'auditor')
  @ApiOperation({
    summary: 'Refused attempts recorded for supervisors (SUP-1, SUP-3, IMP-1, IMP-3..IMP-5)',
    description: 'Newest first; ids, rule ids and what was attempted, never personal data.',
  })
  @ApiProblems(400)
  async list(@Query() query: ConductAlertsQuery) {
    return { items: await this.queries.conductAlerts(query) };
  }
}
