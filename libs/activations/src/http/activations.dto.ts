import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
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
import {
  ACTIVATION_SERVICES,
  ActivationService,
  CUSTOMER_TYPES,
  CustomerType,
  NOTICE_CHANNELS,
  NoticeChannel,
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  RequestChannel,
  RequestKind,
} from '../domain/activation.events';
import { PAUSE_KINDS, PauseKind } from '../domain/activation.policy';

export const ACTIVATION_STATUSES = ['requested', 'activated', 'not_feasible', 'cancelled'] as const;
const ACCESS_KINDS = ['direct', 'indirect'] as const;

export class ActivationCustomerDto extends TicketCustomerDto({
  name: 'Giulia Verdi',
  fiscalCode: 'VRDGLI85M41L219Q',
  email: 'giulia.verdi@example.it',
}) {}

export class RequestActivationDto {
  @ApiProperty({ example: 'FASTWEB' })
  @IsOperatorCode('FASTWEB or PSA')
  operator!: string;

  @ApiProperty({ type: ActivationCustomerDto })
  @ValidateNested()
  @Type(() => ActivationCustomerDto)
  customer!: ActivationCustomerDto;

  @ApiProperty({ enum: REQUEST_KINDS, example: 'activation' })
  @IsIn(REQUEST_KINDS)
  requestKind!: RequestKind;

  @ApiProperty({
    enum: ACTIVATION_SERVICES,
    isArray: true,
    example: ['voice', 'broadband'],
    description: 'The non-accessory services requested (EXT-IND-2, EXT-IND-8)',
  })
  @IsIn(ACTIVATION_SERVICES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  services!: ActivationService[];

  @ApiPropertyOptional({
    enum: ACCESS_KINDS,
    description: 'Direct or indirect access (ACT-9, AMB-9: 45 days for indirect broadband only)',
  })
  @IsOptional()
  @IsIn(ACCESS_KINDS)
  access?: (typeof ACCESS_KINDS)[number];

  @ApiPropertyOptional({
    example: '0115551234',
    description: 'The line to activate or relocate. Personal data: sealed',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  lineId?: string;

  @ApiPropertyOptional({
    example: 'Via Roma 1, 10121 Torino',
    description: 'Installation address (the new one for a relocation). Personal data: sealed',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;

  @ApiProperty({ enum: REQUEST_CHANNELS, example: 'web_area' })
  @IsIn(REQUEST_CHANNELS)
  channel!: RequestChannel;

  @ApiPropertyOptional({
    example: '2026-01-05T10:00:00+01:00',
    description:
      'Proposal received (Fastweb, ACT-1) or request completed (PSA, ACT-9); now if omitted; never in the future',
  })
  @IsOptional()
  @IsZonedInstant()
  receivedAt?: string;

  @ApiPropertyOptional({
    example: 45,
    description: 'Fastweb relocation: the term stated in the relocation form, solar days (AMB-8)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  relocationFormTermDays?: number;
}

export class ActivationRequestedDto {
  @ApiProperty({ format: 'uuid' }) activationId!: string;
  @ApiProperty({ example: 'AT-2026-7K4M9QX2' }) reference!: string;
  @ApiProperty({ example: '2026-03-06T22:59:59.999Z', nullable: true })
  activationDueAt!: string | null;
  @ApiProperty({ example: '2026-03-06', nullable: true }) dueDate!: string | null;
  @ApiProperty({ example: 'Due by the end of 2026-03-06 …' }) explanation!: string;
  @ApiProperty({ example: 'FASTWEB@cds-2017' }) policyVersion!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class TechnicalCheckDto {
  @ApiProperty({ enum: ['positive', 'negative'] })
  @IsIn(['positive', 'negative'])
  outcome!: 'positive' | 'negative';

  @ApiProperty({ example: '2026-01-20T10:00:00+01:00' })
  @IsZonedInstant()
  checkedAt!: string;

  @ApiPropertyOptional({
    example: 'Armadio stradale saturo',
    description: 'Required for a negative outcome, told to the customer (ACT-7, AMB-8)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2_000)
  reason?: string;
}

export class DelayNoticeDto {
  @ApiProperty({ example: '2026-02-20T10:00:00+01:00', description: 'When the customer was told' })
  @IsZonedInstant()
  informedAt!: string;

  @ApiProperty({ enum: NOTICE_CHANNELS, example: 'email' })
  @IsIn(NOTICE_CHANNELS)
  channel!: NoticeChannel;

  @ApiProperty({ example: 'Attesa permessi di scavo del Comune', description: 'Personal data' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;

  @ApiPropertyOptional({
    example: '2026-03-20',
    description: 'The date from which the service can be activated (ACT-10; required by PSA)',
  })
  @IsOptional()
  @IsCalendarDate()
  newActivationDate?: string;

  @ApiPropertyOptional({ example: true, description: 'The date was agreed with the customer' })
  @IsOptional()
  @IsBoolean()
  agreedWithCustomer?: boolean;
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

  @ApiProperty({ example: 'Il cliente chiede di rinviare', description: 'Personal data: sealed' })
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

  @ApiProperty({ example: '2026-02-10T00:00:00+01:00' })
  @IsZonedInstant()
  from!: string;

  @ApiPropertyOptional({
    example: '2026-02-13T00:00:00+01:00',
    description: 'Omit while the pause is still running; end it with a resumption',
  })
  @IsOptional()
  @IsZonedInstant()
  to?: string;

  @ApiPropertyOptional({
    type: ApprovalDto,
    description: "A supervisor's approval: required once the activation deadline was missed",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApprovalDto)
  approval?: ApprovalDto;
}

export class ResumeDto {
  @ApiProperty({ example: '2026-02-13T00:00:00+01:00' })
  @IsZonedInstant()
  resumedAt!: string;
}

export class ActivateDto {
  @ApiProperty({ example: '2026-02-27T10:00:00+01:00' })
  @IsZonedInstant()
  activatedAt!: string;
}

export class IndemnityClaimDto {
  @ApiProperty({ example: '2026-03-25T10:00:00+01:00' })
  @IsZonedInstant()
  claimedAt!: string;

  @ApiProperty({ enum: REQUEST_CHANNELS, example: 'email', description: 'PSA: in writing (IND-7)' })
  @IsIn(REQUEST_CHANNELS)
  channel!: RequestChannel;
}

export class CancelActivationDto {
  @ApiProperty({ enum: ['revoked_by_customer', 'refused_by_operator'] })
  @IsIn(['revoked_by_customer', 'refused_by_operator'])
  reason!: 'revoked_by_customer' | 'refused_by_operator';

  @ApiProperty({ example: 'Revoca con raccomandata del 10/02', description: 'Personal data' })
  @IsString()
  @Length(1, 2_000)
  note!: string;
}

export class ListActivationsQuery {
  @EnumFilter(ACTIVATION_STATUSES)
  status?: (typeof ACTIVATION_STATUSES)[number];

  @OperatorFilter('PSA')
  operator?: string;

  @EnumFilter(REQUEST_KINDS)
  requestKind?: RequestKind;

  @EnumFilter(CUSTOMER_TYPES)
  customerType?: CustomerType;

  @BooleanFilter('Pending and past the activation deadline')
  overdue?: boolean;

  @BooleanFilter('Current deadline missed, or activated late')
  breached?: boolean;

  @BooleanFilter('A pause is running (the clock stands still)')
  paused?: boolean;

  @InstantFilter('2026-05-01T00:00:00Z')
  dueBefore?: string;

  @InstantFilter('2026-01-01T00:00:00Z')
  receivedFrom?: string;

  @InstantFilter('2026-02-01T00:00:00Z')
  receivedBefore?: string;

  @ReferenceFilter('AT')
  reference?: string;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class ActivationIdParam extends IdParam('an activation id') {}

export class ActivationChildParam extends ActivationIdParam {
  @IsUUID('all', { message: 'must be an id this API returned (UUID)' })
  childId!: string;
}
