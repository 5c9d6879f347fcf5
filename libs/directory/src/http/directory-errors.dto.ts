import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EnumFilter,
  IdParam,
  InstantFilter,
  IsCalendarDate,
  IsOperatorCode,
  IsZonedInstant,
  OperatorFilter,
  PageCursor,
  PageLimit,
  ReferenceFilter,
  TicketCustomerDto,
} from '@sportello/tickets';
import {
  CUSTOMER_TYPES,
  CustomerType,
  DIRECTORY_MEDIA,
  DirectoryMedium,
  REPORT_CHANNELS,
  ReportChannel,
} from '../domain/directory.events';

const BASES = [
  'customer_request',
  'previous_operator_choice',
  'customer_refused',
  'no_form_returned',
] as const;
const ERROR_KINDS = ['WRONG_DATA', 'OMITTED', 'PUBLISHED_WITHOUT_REQUEST'] as const;
export const DIRECTORY_ERROR_STATUSES = ['open', 'corrected'] as const;

export class DirectoryCustomerDto extends TicketCustomerDto({
  name: 'Mario Rossi',
  fiscalCode: 'RSSMRA80A01L219X',
  email: 'mario.rossi@example.it',
}) {}

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
  @IsOperatorCode('FASTWEB or PSA')
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
  @IsCalendarDate()
  erroneousSince!: string;

  @ApiProperty({ example: '2026-02-20' })
  @IsCalendarDate()
  discoveredOn!: string;

  @ApiPropertyOptional({
    example: '2026-02-20T10:00:00+01:00',
    description: 'When the customer reported it; now if omitted; never in the future',
  })
  @IsOptional()
  @IsZonedInstant()
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
  @IsCalendarDate()
  correctedOn!: string;
}

export class ListDirectoryErrorsQuery {
  @EnumFilter(DIRECTORY_ERROR_STATUSES)
  status?: (typeof DIRECTORY_ERROR_STATUSES)[number];

  @OperatorFilter('FASTWEB')
  operator?: string;

  @EnumFilter(DIRECTORY_MEDIA)
  medium?: DirectoryMedium;

  @EnumFilter(ERROR_KINDS)
  errorKind?: (typeof ERROR_KINDS)[number];

  @EnumFilter(CUSTOMER_TYPES)
  customerType?: CustomerType;

  @EnumFilter(['attributable', 'not_attributable', 'pending'])
  attribution?: 'attributable' | 'not_attributable' | 'pending';

  @EnumFilter(['due', 'none'])
  indemnityStatus?: 'due' | 'none';

  @InstantFilter('2026-01-01T00:00:00Z')
  reportedFrom?: string;

  @InstantFilter('2026-04-01T00:00:00Z')
  reportedBefore?: string;

  @ReferenceFilter('DE')
  reference?: string;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class DirectoryErrorIdParam extends IdParam('a directory error id') {}
