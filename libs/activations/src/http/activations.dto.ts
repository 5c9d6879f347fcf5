import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
  ValidateNested,
} from 'class-validator';
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

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const INSTANT = { strict: true, strictSeparator: true } as const;
const WITH_ZONE = /(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = 'must be an ISO 8601 instant with a time zone';
const ZONE_MESSAGE = 'must carry a time zone (Z or ±hh:mm)';
const OPERATOR = /^[A-Z][A-Z0-9_]{1,31}$/;
export const ACTIVATION_STATUSES = ['requested', 'activated', 'not_feasible', 'cancelled'] as const;
const ACCESS_KINDS = ['direct', 'indirect'] as const;

const booleanQuery = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ActivationCustomerDto {
  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'residential' })
  @IsIn(CUSTOMER_TYPES)
  customerType!: CustomerType;

  @ApiProperty({ example: 'Giulia Verdi', description: 'Personal data: sealed in storage' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'VRDGLI85M41L219Q', description: 'Codice fiscale' })
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

  @ApiPropertyOptional({ example: 'giulia.verdi@example.it', description: 'Personal data' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

export class RequestActivationDto {
  @ApiProperty({ example: 'FASTWEB' })
  @Matches(OPERATOR, { message: 'must be an operator code such as FASTWEB or PSA' })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  from!: string;

  @ApiPropertyOptional({
    example: '2026-02-13T00:00:00+01:00',
    description: 'Omit while the pause is still running; end it with a resumption',
  })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  resumedAt!: string;
}

export class ActivateDto {
  @ApiProperty({ example: '2026-02-27T10:00:00+01:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
  activatedAt!: string;
}

export class IndemnityClaimDto {
  @ApiProperty({ example: '2026-03-25T10:00:00+01:00' })
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  @Matches(WITH_ZONE, { message: ZONE_MESSAGE })
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
  @ApiPropertyOptional({ enum: ACTIVATION_STATUSES })
  @IsOptional()
  @IsIn(ACTIVATION_STATUSES)
  status?: (typeof ACTIVATION_STATUSES)[number];

  @ApiPropertyOptional({ example: 'PSA' })
  @IsOptional()
  @Matches(OPERATOR, { message: 'must be an operator code' })
  operator?: string;

  @ApiPropertyOptional({ enum: REQUEST_KINDS })
  @IsOptional()
  @IsIn(REQUEST_KINDS)
  requestKind?: RequestKind;

  @ApiPropertyOptional({ enum: CUSTOMER_TYPES })
  @IsOptional()
  @IsIn(CUSTOMER_TYPES)
  customerType?: CustomerType;

  @ApiPropertyOptional({ description: 'Pending and past the activation deadline' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Current deadline missed, or activated late' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  breached?: boolean;

  @ApiPropertyOptional({ description: 'A pause is running (the clock stands still)' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  paused?: boolean;

  @ApiPropertyOptional({ example: '2026-05-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  dueBefore?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: INSTANT_MESSAGE })
  receivedBefore?: string;

  @ApiPropertyOptional({ example: 'AT-2026-7K4M9QX2' })
  @IsOptional()
  @Matches(/^AT-\d{4}-[0-9A-Za-z]{8}$/, { message: 'must be a reference such as AT-2026-7K4M9QX2' })
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

export class ActivationIdParam {
  @IsUUID('all', { message: 'must be an activation id (UUID)' })
  id!: string;
}

export class ActivationChildParam extends ActivationIdParam {
  @IsUUID('all', { message: 'must be an id this API returned (UUID)' })
  childId!: string;
}
