import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Clock, CLOCK } from '@sportello/clock';
import { ApiProblems, ProblemException, Roles } from '@sportello/platform';
import { QualityReports } from '../application/quality-reports';
import { periodOf, QualityPeriod } from '../domain/quality-period';
import { DashboardQuery, PeriodQuery, ReportQuery } from './quality.dto';

const READERS = ['supervisor', 'auditor'] as const;

function periodFrom(query: PeriodQuery): QualityPeriod {
  if (query.period) {
    const period = periodOf(query.period);
    if (period) return period;
  }
  if (query.from && query.to) {
    if (query.to < query.from)
      throw ProblemException.validation([{ field: 'to', reason: 'must not be before from' }]);
    return { label: `${query.from}/${query.to}`, from: query.from, to: query.to };
  }
  throw ProblemException.validation([
    { field: 'period', reason: 'give a period, or both from and to' },
  ]);
}

@ApiTags('quality')
@Controller('v1/quality')
export class QualityHttpController {
  constructor(
    private readonly reports: QualityReports,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('report')
  @Roles(...READERS)
  @ApiOperation({
    summary: "An operator's quality indicators for a period, against its targets (QUA-2, QUA-4)",
    description:
      'Repair time at the 80th/95th percentile (net of pauses, and raw), repairs within the contractual time, activation time percentiles and activations by the agreed date, invoices disputed, billing accuracy, billing complaints upheld with a refund, complaint answer times; each with the count of tickets behind it, its clock and its definition.',
  })
  @ApiProblems(400)
  report(@Query() query: ReportQuery) {
    return this.reports.report(query.operator, periodFrom(query), this.clock.now());
  }

  @Get('report.csv')
  @Roles(...READERS)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="quality-report.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiOperation({ summary: 'The same report as CSV: one row per measure, one per target' })
  @ApiProblems(400)
  async reportCsv(@Query() query: ReportQuery): Promise<string> {
    const report = await this.reports.report(query.operator, periodFrom(query), this.clock.now());
    return this.reports.csv(report);
  }

  @Get('comparison')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Every operator, side by side, against the targets its policy declares',
  })
  @ApiProblems(400)
  comparison(@Query() query: PeriodQuery) {
    return this.reports.comparison(periodFrom(query), this.clock.now());
  }

  @Get('dashboard')
  @Roles('supervisor')
  @ApiOperation({
    summary: "The supervisors' dashboard data: open tickets by deadline bucket, breaches per day",
  })
  @ApiProblems(400)
  dashboard(@Query() query: DashboardQuery) {
    return this.reports.dashboard(this.clock.now(), query.days ?? 14, query.operator ?? null);
  }
}
