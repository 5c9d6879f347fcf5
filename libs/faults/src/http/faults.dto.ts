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
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  BooleanFilter,
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
import { FAULT_CHANNELS, FaultChannel } from '../domain/fault.events';
import { PAUSE_KINDS, PauseKind } from '../domain/fault.policy';

export const FAULT_STATUSES = ['open', 'restored', 'closed'] as const;
export const REGIMES = [
  'STANDARD',
  'COMPLEX_UNDER_REVIEW',
  'NO_FIXED_TERM',
  'EXCEPTIONAL_WIDESPREAD',
] as const;
export const SERVICES = ['voice', 'broadband', 'voice_and_broadband', 'mobile', 'other'] as const;

export class FaultCustomerDto extends TicketCustomerDto({
  name: 'Marco Bianchi',
  fiscalCode: 'BNCMRC80A01L219X',
  email: 'marco.bianchi@example.it',
}) {}

export class ReportFaultDto {
  @ApiProperty({ example: 'FASTWEB' })
  @IsOperatorCode('FASTWEB or PSA')
  operator!: string;

  @ApiProperty({ type: FaultCustomerDto })
  @ValidateNested()
  @Type(() => FaultCustomerDto)
  customer!: FaultCustomerDto;

  @ApiProperty({
    example: '0212345678',
    description: 'The line at fault (number or line id). Personal data: sealed',
  })
  @IsString()
  @Length(1, 64)
  lineId!: string;

  @ApiProperty({ enum: SERVICES, example: 'broadband' })
  @IsIn(SERVICES)
  service!: (typeof SERVICES)[number];

  @ApiProperty({ enum: FAULT_CHANNELS, example: 'phone' })
  @IsIn(FAULT_CHANNELS)
  channel!: FaultChannel;

  @ApiProperty({ example: 'Nessuna connessione dalle 8', description: 'Personal data: sealed' })
  @IsString()
  @Length(1, 5_000)
  description!: string;

  @ApiPropertyOptional({
    example: '2026-03-02T09:00:00+01:00',
    description: 'When the report was received (FLT-1); now if omitted; never in the future',
  })
  @IsOptional()
  @IsZonedInstant()
  reportedAt?: string;
}

export class FaultReportedDto {
  @ApiProperty({ format: 'uuid' }) faultId!: string;
  @ApiProperty({ example: 'GU-2026-7K4M9QX2' }) reference!: string;
  @ApiProperty({ example: '2026-03-05T08:00:00.000Z', nullable: true }) repairDueAt!: string | null;
  @ApiProperty({ example: 'FLT-2 (FW-CDS §5.2; FW-CGC 9.1): …' }) explanation!: string;
  @ApiProperty({ example: 'FASTWEB@cds-2017' }) policyVersion!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class RemoteInterventionDto {
  @ApiProperty({ example: '2026-03-02T11:00:00+01:00' })
  @IsZonedInstant()
  performedAt!: string;

  @ApiProperty({ enum: ['resolved', 'not_resolved'] })
  @IsIn(['resolved', 'not_resolved'])
  outcome!: 'resolved' | 'not_resolved';

  @ApiPropertyOptional({ example: 'Reset porta OLT', description: 'Personal data: sealed' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  notes?: string;
}

export class ScheduleVisitDto {
  @ApiProperty({ example: '2026-03-03T15:00:00+01:00' })
  @IsZonedInstant()
  scheduledFor!: string;
}

export class VisitDoneDto {
  @ApiProperty({ example: '2026-03-03T15:30:00+01:00' })
  @IsZonedInstant()
  visitedAt!: string;

  @ApiProperty({
    example: 'FW-TEC-04512',
    description: "The technician's identification badge (SUP-6)",
  })
  @IsString()
  @Length(1, 64)
  badgeId!: string;

  @ApiProperty({ enum: ['resolved', 'not_resolved'] })
  @IsIn(['resolved', 'not_resolved'])
  outcome!: 'resolved' | 'not_resolved';

  @ApiPropertyOptional({ example: 'Sostituito il cavo', description: 'Personal data: sealed' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  notes?: string;

  @ApiPropertyOptional({
    example: 4900,
    description: 'A cost of the intervention, charged on the first invoice after it (FLT-5)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  interventionCostCents?: number;

  @ApiPropertyOptional({
    example: 5000,
    description: 'A payment taken on site: always refused (SUP-5, FLT-5); recorded to be refused',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  onSitePaymentCents?: number;
}

export class ApprovalDto {
  @ApiProperty({ example: 'Cliente irreperibile, documentato dal tecnico' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class PauseDto {
  @ApiProperty({ enum: PAUSE_KINDS })
  @IsIn(PAUSE_KINDS)
  kind!: PauseKind;

  @ApiProperty({
    example: 'Cliente non disponibile per la visita',
    description: 'Personal data: sealed',
  })
  @IsString()
  @Length(1, 2_000)
  reason!: string;

  @ApiPropertyOptional({
    example: 'PC-TO-2026-118',
    description: 'Required for FORCE_MAJEURE (CAL-8)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  evidenceRef?: string;

  @ApiProperty({ example: '2026-03-11T12:00:00+01:00' })
  @IsZonedInstant()
  from!: string;

  @ApiPropertyOptional({
    example: '2026-03-14T12:00:00+01:00',
    description: 'Omit while the pause is still running; end it with a resumption',
  })
  @IsOptional()
  @IsZonedInstant()
  to?: string;

  @ApiPropertyOptional({
    type: ApprovalDto,
    description: "A supervisor's approval: required once the repair deadline was missed (CAL-8)",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApprovalDto)
  approval?: ApprovalDto;
}

export class ResumeDto {
  @ApiProperty({ example: '2026-03-14T12:00:00+01:00' })
  @IsZonedInstant()
  resumedAt!: string;
}

export class ForceMajeureDto {
  @ApiProperty({ example: '2026-11-05', description: 'Calendar date, Europe/Rome' })
  @IsCalendarDate()
  from!: string;

  @ApiPropertyOptional({ example: '2026-11-10' })
  @IsOptional()
  @IsCalendarDate()
  endedOn?: string;

  @ApiProperty({ example: 'PC-TO-2026-118', description: 'Evidence reference (CAL-8)' })
  @IsString()
  @Length(1, 200)
  evidenceRef!: string;
}

export class MarkComplexDto {
  @ApiProperty({ enum: ['COMPLEX', 'EXCEPTIONAL_WIDESPREAD'] })
  @IsIn(['COMPLEX', 'EXCEPTIONAL_WIDESPREAD'])
  complexity!: 'COMPLEX' | 'EXCEPTIONAL_WIDESPREAD';

  @ApiProperty({
    type: [String],
    example: ['Guasto su tratta in fibra condivisa'],
    description: 'Personal data: sealed',
  })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(2_000, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  reasons!: string[];

  @ApiPropertyOptional({ type: ForceMajeureDto, description: 'EXCEPTIONAL_WIDESPREAD (FLT-10)' })
  @ValidateIf((o: MarkComplexDto) => o.complexity === 'EXCEPTIONAL_WIDESPREAD')
  @ValidateNested()
  @Type(() => ForceMajeureDto)
  forceMajeure?: ForceMajeureDto;

  @ApiPropertyOptional({ example: '2026-11-16', description: 'Communicated (AMB-13)' })
  @IsOptional()
  @IsCalendarDate()
  announcedResolutionDate?: string;
}

export class ExceptionalFaultDto {
  @ApiPropertyOptional({ example: '2026-11-10' })
  @IsOptional()
  @IsCalendarDate()
  forceMajeureEndedOn?: string;

  @ApiPropertyOptional({ example: '2026-11-16' })
  @IsOptional()
  @IsCalendarDate()
  announcedResolutionDate?: string;
}

export class IndemnityReviewDto {
  @ApiProperty({ enum: ['approved', 'denied'] })
  @IsIn(['approved', 'denied'])
  decision!: 'approved' | 'denied';

  @ApiProperty({ example: 'Ritardo imputabile al fornitore di rete' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class RestoreDto {
  @ApiProperty({ example: '2026-03-05T08:30:00+01:00' })
  @IsZonedInstant()
  restoredAt!: string;
}

export class CloseFaultDto {
  @ApiProperty({ enum: ['repaired', 'out_of_scope'] })
  @IsIn(['repaired', 'out_of_scope'])
  outcome!: 'repaired' | 'out_of_scope';

  @ApiPropertyOptional({
    example: 'Guasto sul modem del cliente',
    description: 'Where the fault lies: required when out of scope (FLT-4). Personal data',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2_000)
  finding?: string;
}

export class ReopenDto {
  @ApiProperty({ example: 'Il disservizio si è ripresentato' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class ListFaultsQuery {
  @EnumFilter(FAULT_STATUSES)
  status?: (typeof FAULT_STATUSES)[number];

  @OperatorFilter('PSA')
  operator?: string;

  @BooleanFilter('Open and past the repair deadline')
  overdue?: boolean;

  @BooleanFilter('Current deadline missed, or restored late')
  breached?: boolean;

  @BooleanFilter('A pause is running (the clock stands still)')
  paused?: boolean;

  @EnumFilter(REGIMES)
  regime?: (typeof REGIMES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'Faults linked to this outage' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an outage id (UUID)' })
  incidentId?: string;

  @InstantFilter('2026-05-01T00:00:00Z')
  dueBefore?: string;

  @ReferenceFilter('GU')
  reference?: string;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class FaultIdParam extends IdParam('a fault id') {}

export class FaultChildParam extends FaultIdParam {
  @IsUUID('all', { message: 'must be an id this API returned (UUID)' })
  childId!: string;
}
