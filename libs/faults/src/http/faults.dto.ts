import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
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
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CUSTOMER_TYPES, CustomerType, FAULT_CHANNELS, FaultChannel } from '../domain/fault.events';
import { PAUSE_KINDS, PauseKind } from '../domain/fault.policy';

export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const INSTANT = { strict: true, strictSeparator: true } as const;
export const WITH_ZONE = /(Z|[+-]\d{2}:\d{2})$/;
export const INSTANT_MESSAGE = 'must be an ISO 8601 instant with a time zone';
export const ZONE_MESSAGE = 'must carry a time zone (Z or ±hh:mm)';
export const OPERATOR = /^[A-Z][A-Z0-9_]{1,31}$/;
export const FAULT_STATUSES = ['open', 'restored', 'closed'] as const;
export const REGIMES = [
  'STANDARD',
  'COMPLEX_UNDER_REVIEW',
  'NO_FIXED_TERM',
  'EXCEPTIONAL_WIDESPREAD',
] as const;
export const SERVICES = ['voice', 'broadband', 'voice_and_broadband', 'mobile', 'other'] as const;

const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class FaultCustomerDto {
  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'residential' })
  @IsIn(CUSTOMER_TYPES)
  customerType!: CustomerType;

  @ApiProperty({ example: 'Marco Bianchi', description: 'Personal data: sealed in storage' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'BNCMRC80A01L219X', description: 'Codice fiscale' })
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

  @ApiPropertyOptional({ example: 'marco.bianchi@example.it', description: 'Personal data' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

export class ReportFaultDto {
  @ApiProperty({ example: 'FASTWEB' })
  @Matches(OPERATOR, { message: 'must be an operator code such as FASTWEB or PSA' })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  scheduledFor!: string;
}

export class VisitDoneDto {
  @ApiProperty({ example: '2026-03-03T15:30:00+01:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  from!: string;

  @ApiPropertyOptional({
    example: '2026-03-14T12:00:00+01:00',
    description: 'Omit while the pause is still running; end it with a resumption',
  })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  resumedAt!: string;
}

export class ForceMajeureDto {
  @ApiProperty({ example: '2026-11-05', description: 'Calendar date, Europe/Rome' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  from!: string;

  @ApiPropertyOptional({ example: '2026-11-10' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
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
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  announcedResolutionDate?: string;
}

export class ExceptionalFaultDto {
  @ApiPropertyOptional({ example: '2026-11-10' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  forceMajeureEndedOn?: string;

  @ApiPropertyOptional({ example: '2026-11-16' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @ApiPropertyOptional({ enum: FAULT_STATUSES })
  @IsOptional()
  @IsIn(FAULT_STATUSES)
  status?: (typeof FAULT_STATUSES)[number];

  @ApiPropertyOptional({ example: 'PSA' })
  @IsOptional()
  @Matches(OPERATOR, { message: 'must be an operator code' })
  operator?: string;

  @ApiPropertyOptional({ description: 'Open and past the repair deadline' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Current deadline missed, or restored late' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  breached?: boolean;

  @ApiPropertyOptional({ description: 'A pause is running (the clock stands still)' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  paused?: boolean;

  @ApiPropertyOptional({ enum: REGIMES })
  @IsOptional()
  @IsIn(REGIMES)
  regime?: (typeof REGIMES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'Faults linked to this outage' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an outage id (UUID)' })
  incidentId?: string;

  @ApiPropertyOptional({ example: '2026-05-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  dueBefore?: string;

  @ApiPropertyOptional({ example: 'GU-2026-7K4M9QX2' })
  @IsOptional()
  @Matches(/^GU-\d{4}-[0-9A-Za-z]{8}$/, { message: 'must be a reference such as GU-2026-7K4M9QX2' })
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

export class FaultIdParam {
  @IsUUID('all', { message: 'must be a fault id (UUID)' })
  id!: string;
}

export class FaultChildParam extends FaultIdParam {
  @IsUUID('all', { message: 'must be an id this API returned (UUID)' })
  childId!: string;
}
