import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CUSTOMER_TYPES, CustomerType, InterruptionKind } from '../domain/maintenance.events';
import { MAINTENANCE_CHANNELS, MaintenanceChannel } from '../domain/maintenance.policy';

const INSTANT = { strict: true, strictSeparator: true } as const;
const WITH_ZONE = /(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 instant with a time zone';
const ZONE_MESSAGE = 'must carry a time zone (Z or ±hh:mm)';
const OPERATOR = /^[A-Z][A-Z0-9_]{1,31}$/;
const KINDS = ['planned', 'unplanned_fault'] as const;
export const WINDOW_STATUSES = ['scheduled', 'started', 'ended', 'cancelled'] as const;
const COMPLIANCE_STATUSES = [
  'NOT_REQUIRED',
  'PENDING',
  'COMPLIANT',
  'CONTRACTUAL_BREACH',
  'INDEMNIFIED_BREACH',
] as const;
const CONSEQUENCES = ['NONE', 'SUPERVISOR_FLAG', 'INDEMNITY'] as const;

const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class AffectedLineDto {
  @ApiProperty({ example: '0115551234', description: 'The affected line. Personal data: sealed' })
  @IsString()
  @Length(1, 64)
  lineId!: string;

  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'residential' })
  @IsIn(CUSTOMER_TYPES)
  customerType!: CustomerType;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "The customer's data-subject id, if known; a new one otherwise",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a data-subject id (UUID)' })
  subjectId?: string;
}

export class NoticeDto {
  @ApiProperty({ example: '2026-05-08T09:00:00+02:00', description: 'When the notice went out' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  publishedAt!: string;

  @ApiProperty({
    enum: MAINTENANCE_CHANNELS,
    example: 'web_area',
    description: 'Fastweb: MyFASTPage (web_area), MNT-1',
  })
  @IsIn(MAINTENANCE_CHANNELS)
  channel!: MaintenanceChannel;
}

export class DeclareMaintenanceWindowDto {
  @ApiProperty({ example: 'FASTWEB' })
  @Matches(OPERATOR, { message: 'must be an operator code such as FASTWEB or PSA' })
  operator!: string;

  @ApiPropertyOptional({
    enum: KINDS,
    default: 'planned',
    description: 'unplanned_fault: a suspension caused by a network fault needs no notice (MNT-1)',
  })
  @IsOptional()
  @IsIn(KINDS)
  kind?: InterruptionKind;

  @ApiPropertyOptional({
    example: 'Torino nord — centrale Barriera di Milano',
    description: 'Required when only a count of lines is given (MNT-4)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  area?: string;

  @ApiPropertyOptional({
    type: [AffectedLineDto],
    description: 'The affected lines (each sealed under its customer), or give affectedCount',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => AffectedLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(5_000)
  lines?: AffectedLineDto[];

  @ApiPropertyOptional({
    example: 1200,
    description: 'How many lines are affected, without a list',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  affectedCount?: number;

  @ApiProperty({ example: '2026-05-11T01:00:00+02:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  plannedStart!: string;

  @ApiProperty({ example: '2026-05-11T05:00:00+02:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  plannedEnd!: string;

  @ApiPropertyOptional({ example: 'Sostituzione apparati OLT' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  description?: string;

  @ApiPropertyOptional({ type: NoticeDto, description: 'A notice already published' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NoticeDto)
  notice?: NoticeDto;
}

export class MaintenanceWindowDeclaredDto {
  @ApiProperty({ format: 'uuid' }) windowId!: string;
  @ApiProperty({ example: 'MW-2026-7K4M9QX2' }) reference!: string;
  @ApiProperty({ example: 'CONTRACTUAL_BREACH' }) complianceStatus!: string;
  @ApiProperty({ example: 'Notice of 64 h (3 solar day(s)) before …' }) explanation!: string;
  @ApiProperty({ example: 'FASTWEB@cds-2017' }) policyVersion!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class RescheduleDto {
  @ApiProperty({ example: '2026-05-12T01:00:00+02:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  plannedStart!: string;

  @ApiProperty({ example: '2026-05-12T05:00:00+02:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  plannedEnd!: string;

  @ApiProperty({ example: 'Ritardo nella consegna degli apparati' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class StartDto {
  @ApiProperty({ example: '2026-05-11T01:00:00+02:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  startedAt!: string;
}

export class EndDto {
  @ApiProperty({ example: '2026-05-11T05:00:00+02:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  endedAt!: string;
}

export class CancelWindowDto {
  @ApiProperty({ example: 'Intervento annullato dal fornitore' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class ListMaintenanceWindowsQuery {
  @ApiPropertyOptional({ enum: WINDOW_STATUSES })
  @IsOptional()
  @IsIn(WINDOW_STATUSES)
  status?: (typeof WINDOW_STATUSES)[number];

  @ApiPropertyOptional({ example: 'PSA' })
  @IsOptional()
  @Matches(OPERATOR, { message: 'must be an operator code' })
  operator?: string;

  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @IsIn(KINDS)
  kind?: InterruptionKind;

  @ApiPropertyOptional({ enum: COMPLIANCE_STATUSES })
  @IsOptional()
  @IsIn(COMPLIANCE_STATUSES)
  complianceStatus?: (typeof COMPLIANCE_STATUSES)[number];

  @ApiPropertyOptional({ enum: CONSEQUENCES })
  @IsOptional()
  @IsIn(CONSEQUENCES)
  consequence?: (typeof CONSEQUENCES)[number];

  @ApiPropertyOptional({ description: 'Any notice breach, contractual or indemnified' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  breached?: boolean;

  @ApiPropertyOptional({ example: '2026-05-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  startsFrom?: string;

  @ApiPropertyOptional({ example: '2026-06-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  startsBefore?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Windows affecting a line of this subject' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a data-subject id (UUID)' })
  subjectId?: string;

  @ApiPropertyOptional({ example: 'MW-2026-7K4M9QX2' })
  @IsOptional()
  @Matches(/^MW-\d{4}-[0-9A-Za-z]{8}$/, { message: 'must be a reference such as MW-2026-7K4M9QX2' })
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

export class MaintenanceWindowIdParam {
  @IsUUID('all', { message: 'must be a maintenance window id (UUID)' })
  id!: string;
}
