import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CustomerDto,
  IdParam,
  IsCalendarDate,
  IsOperatorCode,
  OperatorFilter,
  PageLimit,
} from '@sportello/tickets';

const INVOICE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$/;

export class OpenBillingAccountDto {
  @ApiProperty({ example: 'PSA' })
  @IsOperatorCode('FASTWEB or PSA')
  operator!: string;

  @ApiProperty({ type: CustomerDto, description: 'The account holder (sealed in storage)' })
  @ValidateNested()
  @Type(() => CustomerDto)
  customer!: CustomerDto;
}

export class InvoiceLineDto {
  @ApiProperty({ example: 'Canone mensile luglio 2026' })
  @IsString()
  @Length(1, 200)
  description!: string;

  @ApiProperty({ example: 8000, description: 'Euro cents' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  amountCents!: number;
}

export class IssueInvoiceDto {
  @ApiProperty({ example: 'PSA-2026-000701', description: 'Unique per operator' })
  @Matches(INVOICE_NUMBER, { message: 'must be an invoice number (letters, digits, / _ . -)' })
  number!: string;

  @ApiProperty({ example: '2026-07-01', description: 'Calendar date (Europe/Rome)' })
  @IsCalendarDate()
  issueDate!: string;

  @ApiProperty({ example: '2026-07-16', description: 'Calendar date (Europe/Rome)' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ example: 8000, description: 'Invoice total in euro cents' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountCents!: number;

  @ApiPropertyOptional({ type: [InvoiceLineDto], description: 'Must add up to the total' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  @ArrayMaxSize(200)
  lines?: InvoiceLineDto[];
}

export class RecordPaymentDto {
  @ApiProperty({ example: 'PSA-2026-000701' })
  @Matches(INVOICE_NUMBER, { message: 'must be an invoice number (letters, digits, / _ . -)' })
  invoiceNumber!: string;

  @ApiProperty({ example: '2026-08-24', description: 'The day the payment was made (Europe/Rome)' })
  @IsCalendarDate()
  paidOn!: string;

  @ApiProperty({ example: 8000, description: 'Euro cents' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountCents!: number;
}

export class SetLegalInterestRateDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day the rate applies to' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: 200, description: 'Legal interest rate in basis points (2.00% = 200)' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  legalRateBasisPoints!: number;

  @ApiPropertyOptional({ example: 1_500, description: 'Usury threshold in basis points, if known' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  usuryThresholdBasisPoints?: number;

  @ApiProperty({
    example: 'D.M. MEF (Gazzetta Ufficiale)',
    description: 'Where the figure comes from',
  })
  @IsString()
  @Length(1, 300)
  source!: string;
}

export class BillingAccountOpenedDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ example: 'PSA@cds' }) policyVersion!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class BillingCommandResultDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ example: 3 }) revision!: number;
  @ApiProperty({ type: [String], example: ['PaymentRecorded', 'LatePaymentPenaltyAssessed'] })
  events!: string[];
}

export class LegalInterestRateDto {
  @ApiProperty({ example: '2026-01-01' }) from!: string;
  @ApiProperty({ example: 200 }) legalRateBasisPoints!: number;
  @ApiProperty({ example: null, nullable: true, type: Number })
  usuryThresholdBasisPoints!: number | null;
  @ApiProperty({ example: 'D.M. MEF (Gazzetta Ufficiale)' }) source!: string;
}

export class ListBillingAccountsQuery {
  @OperatorFilter('PSA')
  operator?: string;

  @ApiPropertyOptional({ example: 'PSA-2026-000701' })
  @IsOptional()
  @Matches(INVOICE_NUMBER, { message: 'must be an invoice number' })
  invoiceNumber?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The last account id of the previous page' })
  @IsOptional()
  @IsUUID('all')
  after?: string;

  @PageLimit()
  limit?: number;
}

export class BillingAccountIdParam extends IdParam('a billing account id') {}

export class InvoiceLookupParams {
  @IsOperatorCode()
  operator!: string;

  @Matches(INVOICE_NUMBER, { message: 'must be an invoice number' })
  number!: string;
}
