import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PERIOD = /^\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
const OPERATOR = /^[A-Z][A-Z0-9_]{1,31}$/;

export class PeriodQuery {
  @ApiPropertyOptional({
    example: '2026-H1',
    description: 'A year, half-year (H1/H2), quarter (Q1–Q4) or month; or give from and to',
  })
  // Checked whenever given: skipped when from/to came too, a bad period reached the report (a 500).
  @ValidateIf(
    (o: PeriodQuery) => o.period !== undefined || (o.from === undefined && o.to === undefined),
  )
  @Matches(PERIOD, { message: 'must be YYYY, YYYY-H1, YYYY-H2, YYYY-Qn or YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Period start (Europe/Rome date)' })
  @ValidateIf((o: PeriodQuery) => o.from !== undefined || o.period === undefined)
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Period end, inclusive' })
  @ValidateIf((o: PeriodQuery) => o.to !== undefined || o.period === undefined)
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}

export class ReportQuery extends PeriodQuery {
  @ApiPropertyOptional({ example: 'FASTWEB' })
  @Matches(OPERATOR, { message: 'must be an operator code' })
  operator!: string;
}

export class DashboardQuery {
  @ApiPropertyOptional({ example: 'FASTWEB' })
  @IsOptional()
  @Matches(OPERATOR, { message: 'must be an operator code' })
  operator?: string;

  @ApiPropertyOptional({ example: 14, minimum: 1, maximum: 92 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(92)
  days?: number;
}
