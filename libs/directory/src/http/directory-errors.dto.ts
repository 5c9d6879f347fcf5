import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CUSTOMER_TYPES,
  CustomerType,
  DIRECTORY_MEDIA,
  DirectoryMedium,
  REPORT_CHANNELS,
  ReportChannel,
} from '../domain/directory.events';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = 'must be a date YYYY-MM-DD';
const INSTANT = { strict: true, strictSeparator: true } as const;
const WITH_ZONE = /(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 instant with a time zone';
const ZONE_MESSAGE = 'must carry a time zone (Z or ±hh:mm)';
const OPERATOR = /^[A-Z][A-Z0-9_]{1,31}$/;
const BASES = [
  'customer_request',
  'previous_operator_choice',
  'customer_refused',
  'no_form_returned',
] as const;
const ERROR_KINDS = ['WRONG_DATA', 'OMITTED', 'PUBLISHED_WITHOUT_REQUEST'] as const;
export const DIRECTORY_ERROR_STATUSES = ['open', 'corrected'] as const;

export class DirectoryCustomerDto {
  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'residential' })
  @IsIn(CUSTOMER_TYPES)
  customerType!: CustomerType;

  @ApiProperty({ example: 'Mario Rossi', description: 'Personal data: sealed in storage' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'RSSMRA80A01L219X', description: 'Codice fiscale' })
  @IsOptional()
  @Matches(/^[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]$|^\d{11}$/, {
    message: 'must be a codice fiscale (16 characters, or 11 digits)',
  })
  fiscalCode?: string;

  @ApiPropertyOptional({ example: '01234567890', description: 'Partita IVA' })
  @IsOptional()
  @Matches(/^\d{11}$/, { message: 'must be a Partita IVA (11 digits)' })
  vatNumber?: string;

  @ApiPropertyOptional({ example: '+39 333 1234567', description: 'Personal data: sealed' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ]{5,19}$/, {
    message: 'must be a phone number (digits, spaces, optional +)',
  })
  phone?: string;

  @ApiPropertyOptional({ example: 'mario.rossi@example.it', description: 'Personal data' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

/** A directory entry. Personal data: sealed in storage. */
export class ListingDto {
  @ApiProperty({ example: 'Rossi Mario' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '011 1234567' })
  @IsString()
  @Length(1, 40)
  number!: string;

  @ApiPropertyOptional({ example: 'Via Po 3, Torino' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;
}

/** DIR-1: the customer's choice on listing, as it stood. */
export class ListingRequestDto {
  @ApiProperty({ example: true, description: 'Whether the customer asked to be listed' })
  @IsBoolean()
  publish!: boolean;

  @ApiProperty({
    enum: BASES,
    example: 'customer_request',
    description:
      'publish=true: customer_request or previous_operator_choice; publish=false: customer_refused, no_form_returned or previous_operator_choice (DIR-1)',
  })
  @IsIn(BASES)
  basis!: (typeof BASES)[number];

  @ApiPropertyOptional({ type: ListingDto, description: 'The listing requested (publish=true)' })
  @ValidateIf((o: ListingRequestDto) => o.publish === true || o.listing !== undefined)
  @IsObject({ message: 'is required when publication was requested' })
  @ValidateNested()
  @Type(() => ListingDto)
  listing?: ListingDto;
}

export class ReportDirectoryErrorDto {
  @ApiProperty({ example: 'FASTWEB' })
  @Matches(OPERATOR, { message: 'must be an operator code such as FASTWEB or PSA' })
  operator!: string;

  @ApiProperty({ type: DirectoryCustomerDto })
  @ValidateNested()
  @Type(() => DirectoryCustomerDto)
  customer!: DirectoryCustomerDto;

  @ApiProperty({ example: '0111234567', description: 'The listed line. Personal data: sealed' })
  @IsString()
  @Length(1, 64)
  lineId!: string;

  @ApiProperty({ enum: DIRECTORY_MEDIA, example: 'printed_directory' })
  @IsIn(DIRECTORY_MEDIA)
  medium!: DirectoryMedium;

  @ApiProperty({ type: ListingRequestDto })
  @ValidateNested()
  @Type(() => ListingRequestDto)
  requested!: ListingRequestDto;

  @ApiPropertyOptional({
    type: ListingDto,
    nullable: true,
    description: 'The listing as published; null or absent when it was omitted',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ListingDto)
  published?: ListingDto | null;

  @ApiProperty({ example: '2025-03-01', description: 'The day the wrong entry took effect' })
  @Matches(DATE, { message: DATE_MESSAGE })
  erroneousSince!: string;

  @ApiProperty({ example: '2026-02-20' })
  @Matches(DATE, { message: DATE_MESSAGE })
  discoveredOn!: string;

  @ApiPropertyOptional({
    example: '2026-02-20T10:00:00+01:00',
    description: 'When the customer reported it; now if omitted; never in the future',
  })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  reportedAt?: string;

  @ApiProperty({ enum: REPORT_CHANNELS, example: 'phone' })
  @IsIn(REPORT_CHANNELS)
  channel!: ReportChannel;
}

export class DirectoryErrorReportedDto {
  @ApiProperty({ format: 'uuid' }) errorId!: string;
  @ApiProperty({ example: 'DE-2026-7K4M9QX2' }) reference!: string;
  @ApiProperty({ example: 'WRONG_DATA' }) errorKind!: string;
  @ApiProperty({ example: ['number'] }) wrongFields!: string[];
  @ApiProperty({ example: 'FASTWEB@cds-2017' }) policyVersion!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class AttributionDto {
  @ApiProperty({ example: true, description: 'Whether the error is attributable to the operator' })
  @IsBoolean()
  attributable!: boolean;

  @ApiProperty({ example: 'Numero inserito male dal back office', description: 'Personal data' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class CorrectionDto {
  @ApiProperty({ example: '2026-03-01', description: 'The day the listing was corrected' })
  @Matches(DATE, { message: DATE_MESSAGE })
  correctedOn!: string;
}

export class ListDirectoryErrorsQuery {
  @ApiPropertyOptional({ enum: DIRECTORY_ERROR_STATUSES })
  @IsOptional()
  @IsIn(DIRECTORY_ERROR_STATUSES)
  status?: (typeof DIRECTORY_ERROR_STATUSES)[number];

  @ApiPropertyOptional({ example: 'FASTWEB' })
  @IsOptional()
  @Matches(OPERATOR, { message: 'must be an operator code' })
  operator?: string;

  @ApiPropertyOptional({ enum: DIRECTORY_MEDIA })
  @IsOptional()
  @IsIn(DIRECTORY_MEDIA)
  medium?: DirectoryMedium;

  @ApiPropertyOptional({ enum: ERROR_KINDS })
  @IsOptional()
  @IsIn(ERROR_KINDS)
  errorKind?: (typeof ERROR_KINDS)[number];

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  customerType?: CustomerType;

  @ApiPropertyOptional({ enum: ['attributable', 'not_attributable', 'pending'] })
  @IsOptional()
  @IsIn(['attributable', 'not_attributable', 'pending'])
  attribution?: 'attributable' | 'not_attributable' | 'pending';

  @ApiPropertyOptional({ enum: ['due', 'none'] })
  @IsOptional()
  @IsIn(['due', 'none'])
  indemnityStatus?: 'due' | 'none';

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  reportedFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  reportedBefore?: string;

  @ApiPropertyOptional({ example: 'DE-2026-7K4M9QX2' })
  @IsOptional()
  @Matches(/^DE-\d{4}-[0-9A-Za-z]{8}$/, { message: 'must be a reference such as DE-2026-7K4M9QX2' })
  reference?: string;

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

export class DirectoryErrorIdParam {
  @IsUUID('all', { message: 'must be a directory error id (UUID)' })
  id!: string;
}
