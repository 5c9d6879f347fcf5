import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  BooleanFilter,
  EnumFilter,
  IdParam,
  IsCalendarDate,
  IsOperatorCode,
  IsZonedInstant,
  OperatorFilter,
  PageCursor,
  PageLimit,
} from '@sportello/tickets';
import { MAX_FAULTS_PER_LINK } from '../domain/outage.decider';
import { OUTAGE_KINDS, OutageKind } from '../domain/outage.events';
import { FAULT_STATUSES, ForceMajeureDto } from './faults.dto';

export class OutageAreaDto {
  @ApiProperty({ example: 'Torino nord: Barriera di Milano, Regio Parco' })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiPropertyOptional({ type: [String], example: ['Torino'] })
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 120, { each: true })
  @ArrayMaxSize(200)
  municipalities?: string[];

  @ApiPropertyOptional({ type: [String], example: ['10154', '10155'] })
  @IsOptional()
  @Matches(/^\d{5}$/, { each: true, message: 'must be Italian postcodes (5 digits)' })
  @ArrayMaxSize(500)
  postcodes?: string[];
}

export class DeclareOutageDto {
  @ApiProperty({ example: 'PSA' })
  @IsOperatorCode('PSA')
  operator!: string;

  @ApiProperty({
    enum: OUTAGE_KINDS,
    description:
      'MASS_REPORTS: deadlines unchanged, customers told (FLT-9, NTF-7); EXCEPTIONAL_WIDESPREAD: force majeure, IND-9 regime (FLT-10)',
  })
  @IsIn(OUTAGE_KINDS)
  kind!: OutageKind;

  @ApiProperty({ type: OutageAreaDto })
  @ValidateNested()
  @Type(() => OutageAreaDto)
  area!: OutageAreaDto;

  @ApiProperty({ example: '2026-09-14T07:30:00+02:00' })
  @IsZonedInstant()
  startedAt!: string;

  @ApiPropertyOptional({ example: '2026-09-15T18:00:00+02:00' })
  @IsOptional()
  @IsZonedInstant()
  endedAt?: string;

  @ApiPropertyOptional({ type: ForceMajeureDto, description: 'EXCEPTIONAL_WIDESPREAD only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ForceMajeureDto)
  forceMajeure?: ForceMajeureDto;

  @ApiPropertyOptional({ example: '2026-11-16', description: 'Communicated to customers (AMB-13)' })
  @IsOptional()
  @IsCalendarDate()
  announcedResolutionDate?: string;

  @ApiPropertyOptional({ type: [String], example: ['Alluvione: tralicci abbattuti'] })
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 2_000, { each: true })
  @ArrayMaxSize(20)
  reasons?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Faults to link at once' })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'must be fault ids (UUID)' })
  @ArrayMaxSize(MAX_FAULTS_PER_LINK)
  faultIds?: string[];
}

export class OutageDeclaredDto {
  @ApiProperty({ format: 'uuid' }) outageId!: string;
  @ApiProperty({ example: 'PSA@cds' }) policyVersion!: string;
  @ApiProperty({ type: [String], example: ['OutageDeclared', 'OutageFaultsLinked'] })
  events!: string[];
  @ApiProperty({ example: 0 }) revision!: number;
}

export class LinkFaultsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsUUID('all', { each: true, message: 'must be fault ids (UUID)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FAULTS_PER_LINK)
  faultIds!: string[];
}

export class UpdateOutageDto {
  @ApiPropertyOptional({ example: '2026-11-10T18:00:00+01:00', description: 'The outage ended' })
  @IsOptional()
  @IsZonedInstant()
  endedAt?: string;

  @ApiPropertyOptional({ example: '2026-11-10', description: 'The force majeure ended (IND-9)' })
  @IsOptional()
  @IsCalendarDate()
  forceMajeureEndedOn?: string;

  @ApiPropertyOptional({ example: '2026-11-16', description: 'Communicated (AMB-13, AMB-15)' })
  @IsOptional()
  @IsCalendarDate()
  announcedResolutionDate?: string;
}

export class ListOutagesQuery {
  @OperatorFilter('PSA')
  operator?: string;

  @EnumFilter(OUTAGE_KINDS)
  kind?: OutageKind;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

/** The faults of one outage: the list filters that make sense within it. */
export class OutageFaultsQuery {
  @EnumFilter(FAULT_STATUSES)
  status?: (typeof FAULT_STATUSES)[number];

  @BooleanFilter()
  overdue?: boolean;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class OutageIdParam extends IdParam('an outage id') {}
