import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  INDEMNITY_TYPES,
  IndemnityType,
  TICKET_KINDS,
  TicketKind,
} from '../domain/indemnity.events';
import { LedgerStatus } from '../application/queries/ledger-view';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const LEDGER_STATUSES: LedgerStatus[] = [
  'accruing',
  'assessed',
  'under_review',
  'credited',
  'denied',
  'none',
];

export class LedgerFilterQuery {
  @ApiPropertyOptional({ enum: TICKET_KINDS })
  @IsOptional()
  @IsIn(TICKET_KINDS)
  ticketKind?: TicketKind;

  @ApiPropertyOptional({ description: 'One ticket: its id (UUID)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a ticket id (UUID)' })
  ticketId?: string;

  @ApiPropertyOptional({
    description: 'One ticket: the reference given to the customer',
    example: 'GU-2026-7K4M9QX2',
  })
  @IsOptional()
  @Matches(/^[A-Z]{2}-\d{4}-[0-9A-Za-z]{8}$/, { message: 'must be a ticket reference' })
  reference?: string;

  @ApiPropertyOptional({ description: 'One customer: the data subject id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  subjectId?: string;

  @ApiPropertyOptional({ example: 'FASTWEB' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'must be an operator code' })
  operator?: string;

  @ApiPropertyOptional({ enum: INDEMNITY_TYPES })
  @IsOptional()
  @IsIn(INDEMNITY_TYPES)
  indemnityType?: IndemnityType;

  @ApiPropertyOptional({ enum: LEDGER_STATUSES })
  @IsOptional()
  @IsIn(LEDGER_STATUSES)
  status?: LedgerStatus;

  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Period start (Europe/Rome date, inclusive), on the day the indemnity arose',
  })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Period end (inclusive)' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}

export class ListLedgerQuery extends LedgerFilterQuery {
  @ApiPropertyOptional({ description: 'From the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ example: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class LineIdParam {
  @IsUUID('all', { message: 'must be a ledger line id (UUID)' })
  lineId!: string;
}

export class CreditIndemnityDto {
  @ApiProperty({ example: 'FW-2026-000142', description: 'The invoice the credit appears on' })
  @IsString()
  @Length(1, 64)
  invoiceNumber!: string;

  @ApiProperty({ example: '2026-04-20', description: 'The invoice issue date (Europe/Rome)' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  invoiceIssuedOn!: string;
}

export const REVIEW_DECISIONS = ['approved', 'denied', 'granted', 'refused'] as const;

export class ReviewIndemnityDto {
  @ApiProperty({
    enum: REVIEW_DECISIONS,
    description:
      'AMB-7 (complex fault): approved or denied. AMB-11 (beyond the day cap): granted with a supplement, or refused.',
  })
  @IsIn(REVIEW_DECISIONS)
  decision!: (typeof REVIEW_DECISIONS)[number];

  @ApiProperty({ example: 'Guasto dovuto a lavori di terzi, documentati' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({ example: 3000, description: 'AMB-11 only: the supplement in cents' })
  @ValidateIf((o: ReviewIndemnityDto) => o.supplementCents !== undefined)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  supplementCents?: number;
}
