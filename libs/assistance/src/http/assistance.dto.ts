import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  EnumFilter,
  IdParam,
  INSTANT,
  IsEmailAddress,
  IsFiscalCode,
  IsOperatorCode,
  IsPhone,
  OperatorFilter,
  PageCursor,
  PageLimit,
  ReferenceFilter,
} from '@sportello/tickets';
import {
  ACTIVITY_KINDS,
  ActivityKind,
  ATTACHMENT_CLASSES,
  AttachmentClass,
  CALLBACK_PURPOSES,
  CallbackPurpose,
  CONSENT_CHANNELS,
  CONSENT_KINDS,
  ConsentChannel,
  ConsentKind,
  DATA_REQUEST_KINDS,
  DataRequestKind,
  DEVICE_ACTIONS,
  DEVICE_KINDS,
  DeviceAction,
  DeviceKind,
  LINK_KINDS,
  STEP_KINDS,
  STEP_OUTCOMES,
  StepKind,
  StepOutcome,
} from '../domain/assistance.events';
import {
  CONTACT_CHANNELS,
  ContactChannel,
  PROBLEM_CATEGORIES,
  ProblemCategory,
} from '../domain/assistance.policy';

const AREA = /^[a-z][a-z0-9_-]{0,39}$/;
const SESSION_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const TICKET_STATUSES = ['open', 'closed'] as const;

/** PRV-2: the identifying fields the ANASTASIS profile allows; each one is sealed in storage. */
export class PersonDto {
  @ApiPropertyOptional({ example: 'Giulia', description: 'Personal data: sealed' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @ApiPropertyOptional({ example: 'Romano', description: 'Personal data: sealed' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  lastName?: string;

  @ApiPropertyOptional({
    example: 'giulia.romano@example.it',
    description: 'Personal data: sealed',
  })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({ example: '+39 347 1234567', description: 'Personal data: sealed' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'RMNGLI85C41H501Z', description: 'Codice fiscale: sealed' })
  @IsOptional()
  @IsFiscalCode()
  fiscalCode?: string;
}

export class ProblemDto {
  @ApiProperty({ enum: PROBLEM_CATEGORIES, example: 'ONLINE_SERVICE' })
  @IsIn(PROBLEM_CATEGORIES)
  category!: ProblemCategory;

  @ApiPropertyOptional({
    example: 'customer-portal',
    description: 'The online platform where the problem occurred (required for ONLINE_SERVICE)',
  })
  @IsOptional()
  @Matches(AREA, { message: 'must be a platform id (lower-case letters, digits, - or _)' })
  platform?: string;

  @ApiProperty({
    example: 'Il login al portale fallisce dopo il cambio password',
    description: 'Personal data: sealed',
  })
  @IsString()
  @Length(1, 2000)
  summary!: string;
}

export class LinkDto {
  @ApiProperty({ enum: LINK_KINDS })
  @IsIn(LINK_KINDS)
  kind!: (typeof LINK_KINDS)[number];

  @ApiProperty({ example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  @IsUUID('all', { message: 'must be a ticket id (UUID)' })
  id!: string;
}

export class OpenAssistanceTicketDto {
  @ApiProperty({
    example: 'FASTWEB',
    description: 'The operator whose online services it is about',
  })
  @IsOperatorCode('FASTWEB')
  operator!: string;

  @ApiProperty({ enum: CONTACT_CHANNELS, description: 'First contact (calls are never recorded)' })
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @ApiProperty({ type: ProblemDto })
  @ValidateNested()
  @Type(() => ProblemDto)
  problem!: ProblemDto;

  @ApiProperty({ type: PersonDto, description: 'The caller (a data subject)' })
  @ValidateNested()
  @Type(() => PersonDto)
  caller!: PersonDto;

  @ApiPropertyOptional({ type: [PersonDto], description: 'Other people involved in the problem' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  involved?: PersonDto[];

  @ApiPropertyOptional({ type: LinkDto, description: 'The complaint or fault it belongs to' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LinkDto)
  linkedTo?: LinkDto;
}

export class TicketOpenedDto {
  @ApiProperty({ example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  ticketId!: string;

  @ApiProperty({ example: 'AS-2026-7K4M9QX2' })
  reference!: string;

  @ApiProperty({ example: 'ANASTASIS@handling-v1' })
  policyVersion!: string;

  @ApiProperty({ example: 0 })
  revision!: number;
}

export class RevisionDto {
  @ApiProperty({ example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  ticketId!: string;

  @ApiProperty({ example: 3 })
  revision!: number;

  @ApiPropertyOptional({ example: '0197a3c4-6000-7000-8000-1a2b3c4d5e6f' })
  id?: string;
}

export class ListAssistanceQuery {
  @EnumFilter(TICKET_STATUSES)
  status?: (typeof TICKET_STATUSES)[number];

  @OperatorFilter('FASTWEB')
  operator?: string;

  @EnumFilter(PROBLEM_CATEGORIES)
  category?: ProblemCategory;

  @ReferenceFilter('AS')
  reference?: string;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class ConductAlertsQuery {
  @ApiPropertyOptional({ description: 'Only this ticket' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a ticket id (UUID)' })
  ticketId?: string;

  @ApiPropertyOptional({ example: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class TicketIdParam extends IdParam('a ticket id') {}

export class ConsentParam extends TicketIdParam {
  @IsUUID('all', { message: 'must be a consent id (UUID)' })
  consentId!: string;
}

export class SessionParam extends TicketIdParam {
  @IsUUID('all', { message: 'must be a session id (UUID)' })
  sessionId!: string;
}

export class UpdateContactDetailsDto extends PersonDto {
  @ApiProperty({ description: 'The data subject whose details change' })
  @IsUUID('all', { message: 'must be a data subject id (UUID)' })
  subjectId!: string;
}

export class RecordStepDto {
  @ApiProperty({ enum: STEP_KINDS })
  @IsIn(STEP_KINDS)
  kind!: StepKind;

  @ApiProperty({ enum: STEP_OUTCOMES, description: 'not_resolved steps open the way to RAS-1' })
  @IsIn(STEP_OUTCOMES)
  outcome!: StepOutcome;

  @ApiProperty({ example: 'Verificati i dati di accesso: il problema persiste' })
  @IsString()
  @Length(1, 2000)
  note!: string;
}

export class AttachmentDto {
  @ApiProperty({
    enum: ATTACHMENT_CLASSES,
    description: 'IDENTITY_DOCUMENT is refused (PRV-12), CALL_RECORDING too (PRV-4)',
  })
  @IsIn(ATTACHMENT_CLASSES)
  classification!: AttachmentClass;

  @ApiProperty({ example: 'blob://attachments/0197a3c4' })
  @IsString()
  @Length(1, 500)
  storageReference!: string;

  @ApiProperty({ example: 'Schermata dell’errore di login' })
  @IsString()
  @Length(1, 500)
  description!: string;
}

export class CallbackDto {
  @ApiProperty({ example: '2026-03-03T10:00:00+01:00' })
  @IsISO8601(INSTANT)
  at!: string;

  @ApiProperty({ enum: CALLBACK_PURPOSES, description: 'Only continue_resolution (PRV-3)' })
  @IsIn(CALLBACK_PURPOSES)
  purpose!: CallbackPurpose;

  @ApiPropertyOptional({ description: 'Whom to call back; the caller by default' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a data subject id (UUID)' })
  subjectId?: string;
}

export class DataRequestDto {
  @ApiProperty({
    enum: DATA_REQUEST_KINDS,
    description: 'Refused and recorded (SUP-1, SUP-3) except the SUP-4 e-invoicing correction',
  })
  @IsIn(DATA_REQUEST_KINDS)
  kind!: DataRequestKind;

  @ApiProperty({ example: 'Codice fiscale del contratto errato: fatturazione elettronica' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ContactDto {
  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @ApiProperty({ example: '2026-04-15T09:00:00+02:00' })
  @IsISO8601(INSTANT)
  receivedAt!: string;

  @ApiProperty({ example: 'Il problema si ripresenta', description: 'Personal data: sealed' })
  @IsString()
  @Length(1, 2000)
  summary!: string;

  @ApiPropertyOptional({ description: 'Who made the contact; the caller by default' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a data subject id (UUID)' })
  subjectId?: string;
}

export class CloseTicketDto {
  @ApiProperty({ enum: ['resolved', 'unresolved'] })
  @IsIn(['resolved', 'unresolved'])
  resolution!: 'resolved' | 'unresolved';

  @ApiPropertyOptional({ example: 'Password reimpostata', description: 'Personal data: sealed' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  summary?: string;
}

export class DeviceDto {
  @ApiProperty({ enum: DEVICE_KINDS })
  @IsIn(DEVICE_KINDS)
  kind!: DeviceKind;

  @ApiProperty({ example: 'AnyDesk', description: 'The access software the customer installed' })
  @IsString()
  @Length(1, 100)
  software!: string;
}

export class ConsentedActionDto {
  @ApiProperty({ enum: DEVICE_ACTIONS.filter((a) => a !== 'observe') })
  @IsIn(DEVICE_ACTIONS.filter((a) => a !== 'observe'))
  kind!: DeviceAction;

  @ApiProperty({ example: 'Installare Firefox al posto del browser presente' })
  @IsString()
  @Length(1, 500)
  description!: string;
}

export class ConsentDto {
  @ApiProperty({ enum: CONSENT_KINDS })
  @IsIn(CONSENT_KINDS)
  kind!: ConsentKind;

  @ApiProperty({ description: 'The one session the consent is for' })
  @IsUUID('all', { message: 'must be a session id (UUID)' })
  sessionId!: string;

  @ApiProperty({ enum: CONSENT_CHANNELS })
  @IsIn(CONSENT_CHANNELS)
  channel!: ConsentChannel;

  @ApiProperty({ example: '2026-03-02T10:02:00+01:00' })
  @IsISO8601(INSTANT)
  givenAt!: string;

  @ApiProperty({ example: '2026-03-02T11:02:00+01:00' })
  @IsISO8601(INSTANT)
  expiresAt!: string;

  @ApiProperty({ example: 'CONF-4821', description: 'e.g. the confirmation code given back' })
  @IsString()
  @Length(1, 100)
  evidenceReference!: string;

  @ApiPropertyOptional({ type: DeviceDto, description: 'remote_assistance: the device (RAS-2)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceDto)
  device?: DeviceDto;

  @ApiPropertyOptional({
    type: ConsentedActionDto,
    description: 'device_action: the action (RAS-5)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentedActionDto)
  action?: ConsentedActionDto;

  @ApiPropertyOptional({
    example: '7K4M-9QX2',
    description: 'remote_assistance: the one-time session code the customer confirmed (RAS-2)',
  })
  @IsOptional()
  @Matches(SESSION_CODE, { message: 'must be a session code such as 7K4M-9QX2' })
  sessionCode?: string;
}

export class RequestImpersonationDto {
  @ApiProperty({ example: 'customer-portal', description: 'Only the platform of the problem' })
  @Matches(AREA, { message: 'must be a platform id (lower-case letters, digits, - or _)' })
  platform!: string;

  @ApiProperty({ example: 'Riprodurre l’errore di login (IMP-2)' })
  @IsString()
  @Length(1, 500)
  purpose!: string;

  @ApiProperty({ example: ['profile', 'login'], description: 'The areas it may view (IMP-3)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(AREA, { each: true, message: 'each area must be an area id (lower-case, - or _)' })
  areas!: string[];

  @ApiPropertyOptional({ description: 'Whom to impersonate; the caller by default' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a data subject id (UUID)' })
  subjectId?: string;
}

export class StartSessionDto {
  @ApiProperty({ description: 'The consent recorded for this session' })
  @IsUUID('all', { message: 'must be a consent id (UUID)' })
  consentId!: string;
}

export class EndSessionDto {
  @ApiProperty({ enum: STEP_OUTCOMES, description: 'Did the session solve the problem?' })
  @IsIn(STEP_OUTCOMES)
  outcome!: StepOutcome;
}

export class SessionRequestedDto {
  @ApiProperty({ example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  ticketId!: string;

  @ApiProperty({ example: '0197a3c4-7000-7000-8000-1a2b3c4d5e6f' })
  sessionId!: string;

  @ApiProperty({ example: 4 })
  revision!: number;

  @ApiPropertyOptional({
    example: '7K4M-9QX2',
    description: 'Remote sessions: the one-time code to read to the customer; shown only once',
  })
  sessionCode?: string;
}

export class SessionTokenDto {
  @ApiProperty({ example: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  ticketId!: string;

  @ApiProperty({ example: '0197a3c4-7000-7000-8000-1a2b3c4d5e6f' })
  sessionId!: string;

  @ApiProperty({ description: 'Signed, read-only, scoped to the ticket; hand it to the platform' })
  token!: string;

  @ApiProperty({ example: '0197a3c4-7100-7000-8000-1a2b3c4d5e6f' })
  tokenId!: string;

  @ApiProperty({ example: '2026-03-02T09:15:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ example: 5 })
  revision!: number;
}

export class ProposeRemoteDto {
  @ApiProperty({ example: 'Raccogliere i log del browser sul PC (RAS-4)' })
  @IsString()
  @Length(1, 500)
  purpose!: string;

  @ApiPropertyOptional({ description: 'Whose device; the caller by default' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a data subject id (UUID)' })
  subjectId?: string;
}

export class DeviceActionDto {
  @ApiProperty({
    enum: DEVICE_ACTIONS,
    description: 'All but observe need their own consent (RAS-5)',
  })
  @IsIn(DEVICE_ACTIONS)
  action!: DeviceAction;

  @ApiProperty({ example: 'Installato Firefox' })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiPropertyOptional({ description: 'The device_action consent recorded before it' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a consent id (UUID)' })
  consentId?: string;
}

export class IntrospectDto {
  @ApiProperty({ description: 'An impersonation token' })
  @IsString()
  @Length(1, 4096)
  token!: string;
}

export class IntrospectionDto {
  @ApiProperty({ description: 'RFC 7662: false for anything not live, with nothing else said' })
  active!: boolean;

  @ApiPropertyOptional({ example: 'read' })
  scope?: string;

  @ApiPropertyOptional({ example: '0197a3c4-0000-7000-8000-000000000001' })
  sub?: string;

  @ApiPropertyOptional({ example: { sub: 'op-1' } })
  act?: { sub: string };

  @ApiPropertyOptional({ example: 1772442900 })
  exp?: number;
}

export class ActivityDto {
  @ApiProperty({ enum: ACTIVITY_KINDS, description: 'write and payment are refused (IMP-4)' })
  @IsIn(ACTIVITY_KINDS)
  kind!: ActivityKind;

  @ApiProperty({ example: 'login', description: 'The area of the platform (IMP-3)' })
  @Matches(AREA, { message: 'must be an area id (lower-case letters, digits, - or _)' })
  area!: string;

  @ApiProperty({ example: '/account/login', description: 'What was viewed or attempted' })
  @IsString()
  @Length(1, 500)
  resource!: string;
}

export class ActivityRecordedDto {
  @ApiProperty({ example: 'ImpersonationResourceViewed' })
  recorded!: string;
}

export class JwksDto {
  @ApiProperty({
    example: [{ kty: 'OKP', crv: 'Ed25519', x: '…', kid: '…', alg: 'EdDSA', use: 'sig' }],
  })
  keys!: Record<string, unknown>[];
}
