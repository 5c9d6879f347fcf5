import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BooleanFilter,
  EnumFilter,
  IdParam,
  InstantFilter,
  IsOperatorCode,
  IsZonedInstant,
  OperatorFilter,
  PageCursor,
  PageLimit,
  ReferenceFilter,
} from '@sportello/tickets';
import { CUSTOMER_TYPES, CustomerType, InterruptionKind } from '../domain/maintenance.events';
import { MAINTENANCE_CHANNELS, MaintenanceChannel } from '../domain/maintenance.policy';

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
  @IsZonedInstant()
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
  @IsOperatorCode('FASTWEB or PSA')
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
  @IsZonedInstant()
  plannedStart!: string;

  @ApiProperty({ example: '2026-05-11T05:00:00+02:00' })
  @IsZonedInstant()
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
  @IsZonedInstant()
  plannedStart!: string;

  @ApiProperty({ example: '2026-05-12T05:00:00+02:00' })
  @IsZonedInstant()
  plannedEnd!: string;

  @ApiProperty({ example: 'Ritardo nella consegna degli apparati' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class StartDto {
  @ApiProperty({ example: '2026-05-11T01:00:00+02:00' })
  @IsZonedInstant()
  startedAt!: string;
}

export class EndDto {
  @ApiProperty({ example: '2026-05-11T05:00:00+02:00' })
  @IsZonedInstant()
  endedAt!: string;
}

export class CancelWindowDto {
  @ApiProperty({ example: 'Intervento annullato dal fornitore' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class ListMaintenanceWindowsQuery {
  @EnumFilter(WINDOW_STATUSES)
  status?: (typeof WINDOW_STATUSES)[number];

  @OperatorFilter('PSA')
  operator?: string;

  @EnumFilter(KINDS)
  kind?: InterruptionKind;

  @EnumFilter(COMPLIANCE_STATUSES)
  complianceStatus?: (typeof COMPLIANCE_STATUSES)[number];

  @EnumFilter(CONSEQUENCES)
  consequence?: (typeof CONSEQUENCES)[number];

  @BooleanFilter('Any notice breach, contractual or indemnified')
  breached?: boolean;

  @InstantFilter('2026-05-01T00:00:00Z')
  startsFrom?: string;

  @InstantFilter('2026-06-01T00:00:00Z')
  startsBefore?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Windows affecting a line of this subject' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a data-subject id (UUID)' })
  subjectId?: string;

  @ReferenceFilter('MW')
  reference?: string;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class MaintenanceWindowIdParam extends IdParam('a maintenance window id') {}
