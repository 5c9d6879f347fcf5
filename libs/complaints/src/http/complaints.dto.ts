import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsObject,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  BooleanFilter,
  CustomerDto,
  EnumFilter,
  IdParam,
  INSTANT,
  IsCalendarDate,
  IsOperatorCode,
  IsPhone,
  IsZonedInstant,
  OperatorFilter,
  PageCursor,
  PageLimit,
  ReferenceFilter,
} from '@sportello/tickets';
import { COMPLAINT_CHANNELS, ComplaintChannel } from '../domain/complaint.events';

export { CustomerDto };

export const COMPLAINT_CATEGORIES = [
  'billing',
  'service_quality',
  'fault',
  'activation',
  'contract',
  'other',
] as const;
export const COMPLAINT_STATUSES = ['open', 'answered', 'withdrawn', 'closed'] as const;

export class InvoiceDto {
  @ApiProperty({ example: 'F-2026-000123' })
  @IsString()
  @Length(1, 64)
  number!: string;

  @ApiProperty({ example: '2026-05-04', description: 'Calendar date (Europe/Rome)' })
  @IsCalendarDate()
  issueDate!: string;

  @ApiProperty({ example: '2026-05-19' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiPropertyOptional({
    example: '2026-05-12',
    description: 'Proven late delivery date (CMP-8, AMB-4)',
  })
  @IsOptional()
  @IsCalendarDate()
  deliveredOn?: string;

  @ApiProperty({ example: 8000, description: 'Invoice total in euro cents' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountCents!: number;

  @ApiProperty({ example: 6000, description: 'Disputed amount in euro cents' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  disputedCents!: number;
}

export class OutagePlaceDto {
  @ApiPropertyOptional({ example: 'Torino' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  municipality?: string;

  @ApiPropertyOptional({ example: 'Via Roma 1', description: 'Personal data: sealed in storage' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  street?: string;

  @ApiPropertyOptional({ example: '10121' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'must be an Italian postcode (5 digits)' })
  postcode?: string;
}

/** CMP-9: a complaint about a widespread radio-network outage (PSA); every field may come later. */
export class OutageDto {
  @ApiPropertyOptional({ description: 'Name of the line holder. Personal data: sealed' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  holderName?: string;

  @ApiPropertyOptional({ example: '+39 333 1234567', description: 'Personal data: sealed' })
  @IsOptional()
  @IsPhone()
  phoneNumber?: string;

  @ApiPropertyOptional({ example: 'no mobile data' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  disruptionType?: string;

  @ApiPropertyOptional({ example: '2026-05-02', description: 'Start as the customer noticed it' })
  @IsOptional()
  @IsCalendarDate()
  startedOn?: string;

  @ApiPropertyOptional({ type: OutagePlaceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OutagePlaceDto)
  place?: OutagePlaceDto;

  @ApiPropertyOptional({ example: '2026-05-05', description: 'End of the outage (filing window)' })
  @IsOptional()
  @IsCalendarDate()
  outageEndedOn?: string;
}

export class BillingItemDto {
  @ApiProperty({ enum: ['billing-recovery-charge'] })
  @IsIn(['billing-recovery-charge'])
  kind!: 'billing-recovery-charge';

  @ApiProperty({
    example: '0192f1c4-5b7e-7c3a-9f10-2a4b6c8d0e1f:2026-02',
    description: 'A recovery charge of a billing incident (BIL-15)',
  })
  @Matches(/^[0-9a-fA-F-]{36}:\d{4}-(0[1-9]|1[0-2])$/, {
    message: 'must be a recovery charge id (<recoveryId>:YYYY-MM)',
  })
  chargeId!: string;
}

export class FileComplaintDto {
  @ApiProperty({ example: 'PSA' })
  @IsString()
  @IsOperatorCode('FASTWEB or PSA')
  operator!: string;

  @ApiProperty({ type: CustomerDto })
  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;

  @ApiProperty({ enum: COMPLAINT_CHANNELS, example: 'registered_letter' })
  @IsIn(COMPLAINT_CHANNELS)
  channel!: ComplaintChannel;

  @ApiPropertyOptional({
    example: '2026-03-02T09:00:00+01:00',
    description: 'When it was received (not for fax); never in the future',
  })
  @ValidateIf((o: FileComplaintDto) => o.channel !== 'fax' || o.receivedAt !== undefined)
  @IsZonedInstant()
  receivedAt?: string;

  @ApiPropertyOptional({
    example: '2026-04-03T16:00:00+02:00',
    description: 'Fax only: when it was sent (CMP-4)',
  })
  @ValidateIf((o: FileComplaintDto) => o.channel === 'fax' || o.sentAt !== undefined)
  @IsZonedInstant()
  sentAt?: string;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES, example: 'billing' })
  @IsIn(COMPLAINT_CATEGORIES)
  category!: (typeof COMPLAINT_CATEGORIES)[number];

  @ApiProperty({
    example: 'Canone addebitato due volte',
    description: 'Personal data: sealed in storage',
  })
  @IsString()
  @Length(1, 5_000)
  description!: string;

  @ApiPropertyOptional({ type: InvoiceDto, description: 'Required for billing complaints' })
  @ValidateIf(
    (o: FileComplaintDto) =>
      (o.category === 'billing' && o.billingItem === undefined) || o.invoice !== undefined,
  )
  @IsObject({ message: 'is required for a billing complaint (or give billingItem)' })
  @ValidateNested()
  @Type(() => InvoiceDto)
  invoice?: InvoiceDto;

  @ApiPropertyOptional({
    type: OutageDto,
    description: 'A complaint about a widespread outage (CMP-9: five mandatory fields for PSA)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OutageDto)
  outage?: OutageDto;

  @ApiPropertyOptional({
    type: BillingItemDto,
    description: 'A disputed charge other than an invoice, e.g. a billing-incident recovery',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BillingItemDto)
  billingItem?: BillingItemDto;
}

export class ComplaintFiledDto {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ example: 'RC-2026-7K4M9QX2' }) trackingCode!: string;
  @ApiProperty({ example: '2026-04-16T21:59:59.999Z' }) answerDueAt!: string;
  @ApiProperty({ example: 'PSA@cds' }) policyVersion!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class NoteDto {
  @ApiProperty({
    example: 'Richiamato il cliente',
    description: 'Personal data: sealed in storage',
  })
  @IsString()
  @Length(1, 5_000)
  text!: string;
}

export class ComplexityNoticeDto {
  @ApiProperty({
    example: '2026-06-10T10:00:00+02:00',
    description: 'When the notice was given to the customer',
  })
  @IsZonedInstant()
  noticedAt!: string;

  @ApiProperty({ example: '2026-07-15', description: 'The answer date communicated (CMP-7)' })
  @IsCalendarDate()
  answerDate!: string;

  @ApiProperty({ example: 'Verifiche tecniche in corso con il fornitore' })
  @IsString()
  @Length(1, 2_000)
  progress!: string;
}

export class AnswerDocumentDto {
  @ApiProperty({ example: 'LET-2026-0042' })
  @IsString()
  @Length(1, 64)
  reference!: string;

  @ApiProperty({ type: [String], example: ['Il traffico risulta regolarmente effettuato'] })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(2_000, { each: true })
  @ArrayMaxSize(20)
  reasons!: string[];
}

export class AnswerComplaintDto {
  @ApiProperty({ enum: ['upheld', 'rejected'] })
  @IsIn(['upheld', 'rejected'])
  outcome!: 'upheld' | 'rejected';

  @ApiProperty({
    example: '2026-04-10T10:00:00+02:00',
    description: 'When the written answer was sent',
  })
  @IsZonedInstant()
  answeredAt!: string;

  @ApiPropertyOptional({ type: AnswerDocumentDto, description: 'Required on rejection (CMP-6)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnswerDocumentDto)
  answerDocument?: AnswerDocumentDto;

  @ApiPropertyOptional({ type: [String], description: 'Required when upheld (CMP-6)' })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(2_000, { each: true })
  @ArrayMaxSize(20)
  measures?: string[];

  @ApiPropertyOptional({
    example: 6000,
    description: 'Refund on the next invoice, euro cents (CMP-11)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  refundCents?: number;

  @ApiPropertyOptional({
    example: '2026-08-25',
    description: 'Rejected billing complaints: pay the contested sum by (BIL-10)',
  })
  @IsOptional()
  @IsCalendarDate()
  paymentDueOn?: string;
}

export class WithdrawComplaintDto {
  @ApiProperty({ example: 'Il cliente ha risolto con il negozio' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class ListComplaintsQuery {
  @EnumFilter(COMPLAINT_STATUSES)
  status?: (typeof COMPLAINT_STATUSES)[number];

  @OperatorFilter('PSA')
  operator?: string;

  @BooleanFilter('Only complaints whose answer deadline was missed')
  overdue?: boolean;

  @ApiPropertyOptional({ example: '2026-05-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT)
  dueBefore?: string;

  @ReferenceFilter('RC', 'a tracking code')
  trackingCode?: string;

  @ApiPropertyOptional({ description: 'Only complaints disputing this billing item (chargeId)' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F-]{36}:\d{4}-(0[1-9]|1[0-2])$/, {
    message: 'must be a recovery charge id (<recoveryId>:YYYY-MM)',
  })
  billingItem?: string;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class ComplaintIdParam extends IdParam('a complaint id') {}
