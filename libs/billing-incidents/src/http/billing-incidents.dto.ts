import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsInt,
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
  IdParam,
  IsCalendarDate,
  IsOperatorCode,
  IsPhone,
  IsZonedInstant,
  OperatorFilter,
  PageCursor,
  PageLimit,
} from '@sportello/tickets';
import {
  CUSTOMER_TYPES,
  CustomerType,
  NOTICE_SENDERS,
  NoticeSender,
} from '../domain/billing-recovery.events';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class IncidentServiceDto {
  @ApiProperty({ example: 'Easy Pay', description: 'The offer whose fee went uncharged' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ example: 999, description: 'Monthly fee in euro cents' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  monthlyFeeCents!: number;
}

export class DeclareBillingIncidentDto {
  @ApiProperty({ example: 'WINDTRE' })
  @IsOperatorCode('WINDTRE')
  operator!: string;

  @ApiProperty({ type: IncidentServiceDto })
  @ValidateNested()
  @Type(() => IncidentServiceDto)
  service!: IncidentServiceDto;

  @ApiProperty({
    example: 'Interruzione tecnica del sistema di fatturazione',
    description:
      "The fault in the operator's systems; told to customers (NTF-10). No personal data.",
  })
  @IsString()
  @Length(1, 500)
  cause!: string;

  @ApiProperty({
    type: [String],
    example: ['2026-02', '2026-03', '2026-04'],
    description: 'The months left uncharged (YYYY-MM), all before the declaration',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ArrayUnique()
  @Matches(PERIOD, { each: true, message: 'each period must be a month YYYY-MM' })
  periods!: string[];

  @ApiPropertyOptional({
    example: '2026-05-04T10:00:00+02:00',
    description: 'When the incident was established; now by default; never in the future',
  })
  @IsOptional()
  @IsZonedInstant()
  declaredAt?: string;
}

export class AffectedCustomerDto {
  @ApiProperty({ enum: CUSTOMER_TYPES, example: 'residential' })
  @IsIn(CUSTOMER_TYPES)
  customerType!: CustomerType;

  @ApiProperty({ example: 'Lucia Ferri', description: 'Personal data: sealed in storage' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    example: '+39 320 1234567',
    description: 'Where the SMS notice goes (NTF-10). Personal data: sealed in storage',
  })
  @IsPhone()
  phone!: string;

  @ApiPropertyOptional({
    example: 'WT-3201234567',
    description: 'Line or contract id. Personal data: sealed in storage',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  lineId?: string;
}

export class AddAffectedCustomerDto {
  @ApiProperty({ type: AffectedCustomerDto })
  @ValidateNested()
  @Type(() => AffectedCustomerDto)
  customer!: AffectedCustomerDto;

  @ApiPropertyOptional({
    type: [String],
    example: ['2026-02', '2026-03', '2026-04'],
    description: "This customer's uncharged months, if not all of the incident's",
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ArrayUnique()
  @Matches(PERIOD, { each: true, message: 'each period must be a month YYYY-MM' })
  periods?: string[];

  @ApiPropertyOptional({
    example: 999,
    description: "This customer's monthly fee in cents, if not the incident's",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  monthlyFeeCents?: number;

  @ApiPropertyOptional({
    enum: NOTICE_SENDERS,
    default: 'system',
    description:
      '`system`: the notification outbox sends the SMS (NTF-10); `outside_system`: the operator sent it, and a supervisor records it',
  })
  @IsOptional()
  @IsIn(NOTICE_SENDERS)
  noticeBy?: NoticeSender;
}

export class ManualSmsNoticeDto {
  @ApiProperty({
    example: '2026-05-05T10:00:00+02:00',
    description: 'When the SMS was sent; never in the future',
  })
  @IsZonedInstant()
  sentAt!: string;

  @ApiProperty({
    example: 'SMSGW-20260505-000123',
    description: "The SMS gateway's reference for the message (no phone number, no text)",
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._:\-/]{1,100}$/, {
    message: 'must be a gateway reference (letters, digits, . _ : - /)',
  })
  smsReference!: string;
}

export class RecordChargeBilledDto {
  @ApiProperty({
    example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b:2026-02',
    description: 'The recovery charge, as the plan lists it',
  })
  @IsString()
  @MaxLength(80)
  @Matches(/^[0-9a-f-]{36}:\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a charge id of the plan' })
  chargeId!: string;

  @ApiProperty({ example: 'WT-2026-0601234' })
  @IsString()
  @Length(1, 64)
  invoiceNumber!: string;

  @ApiProperty({ example: '2026-06-05', description: 'Date of the invoice carrying the charge' })
  @IsCalendarDate()
  billedOn!: string;
}

export class ListBillingIncidentsQuery {
  @OperatorFilter('WINDTRE')
  operator?: string;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class IncidentIdParam extends IdParam('an incident id') {}

export class RecoveryParams {
  @IsUUID('all', { message: 'must be an incident id (UUID)' })
  id!: string;

  @IsUUID('all', { message: 'must be a recovery id (UUID)' })
  recoveryId!: string;
}

export class IncidentDeclaredDto {
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ example: 'WINDTRE@incident-2026' }) policyVersion!: string;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class AffectedCustomerAddedDto {
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ format: 'uuid' }) recoveryId!: string;
  @ApiProperty({ format: 'uuid', description: 'The data subject id of the customer' })
  subjectId!: string;
  @ApiProperty({ example: 2997 }) arrearsCents!: number;
  @ApiProperty({ enum: NOTICE_SENDERS }) noticeBy!: NoticeSender;
  @ApiProperty({ example: 0 }) revision!: number;
}

export class RecoveryRevisionDto {
  @ApiProperty({ format: 'uuid' }) recoveryId!: string;
  @ApiProperty({ example: 2 }) revision!: number;
}

export class RecoveryChargeDto {
  @ApiProperty({ example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b:2026-02' }) chargeId!: string;
  @ApiProperty({ example: '2026-06-05' }) dueOn!: string;
  @ApiProperty({ example: 999 }) amountCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '2026-02', description: 'The month recovered (BIL-15)' })
  recovers!: string;
  @ApiProperty({ example: 'Recupero canone Easy Pay febbraio 2026' }) label!: string;
  @ApiProperty({ enum: ['scheduled', 'billed'] }) status!: string;
  @ApiPropertyOptional({ example: 'WT-2026-0601234', nullable: true })
  invoiceNumber!: string | null;
  @ApiPropertyOptional({ example: '2026-06-05', nullable: true }) billedOn!: string | null;
}

export class RecoveryPlanDto {
  @ApiProperty({ example: '2026-05-05' }) noticeOn!: string;
  @ApiProperty({ example: '2026-05', description: 'Regular monthly charges resume (BIL-15)' })
  regularChargesResumeFrom!: string;
  @ApiProperty({ example: 30 }) stepDays!: number;
  @ApiProperty({ example: 2997 }) arrearsCents!: number;
  @ApiProperty({ example: 2997 }) recoverableCents!: number;
  @ApiProperty({ type: [RecoveryChargeDto] }) charges!: RecoveryChargeDto[];
}

export class BillingRecoveryDto {
  @ApiProperty({ format: 'uuid' }) recoveryId!: string;
  @ApiProperty({ format: 'uuid' }) incidentId!: string;
  @ApiProperty({ example: 'recovering' }) status!: string;
  @ApiProperty({ example: 'WINDTRE@incident-2026' }) policyVersion!: string;
  @ApiProperty({ type: RecoveryPlanDto, nullable: true }) plan!: RecoveryPlanDto | null;
  @ApiProperty({ example: 3 }) revision!: number;
}
