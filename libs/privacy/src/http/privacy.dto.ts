import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  RECTIFIABLE_FIELDS,
  RectifiableField,
  REQUEST_CHANNELS,
  RequestChannel,
} from '../domain/data-subject.events';

const INSTANT = { strict: true, strictSeparator: true } as const;
const SUBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
const OFFICER_CHANNELS = REQUEST_CHANNELS.filter((c) => c !== 'retention');

export class SubjectIdParam {
  @Matches(SUBJECT_ID, { message: 'must be a data subject id' })
  subjectId!: string;
}

export class ExportParams extends SubjectIdParam {
  @IsUUID('all', { message: 'must be an export id (UUID)' })
  exportId!: string;
}

export class ErasureRequestParams extends SubjectIdParam {
  @IsUUID('all', { message: 'must be an erasure request id (UUID)' })
  requestId!: string;
}

/** Sent in the body, never in the address: addresses are logged, bodies are not. */
export class FindSubjectDto {
  @ApiPropertyOptional({ example: 'SPSMRA80A41F839Y' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9 ]{11,20}$/, { message: 'must be a codice fiscale' })
  fiscalCode?: string;

  @ApiPropertyOptional({ example: '01234567890' })
  @IsOptional()
  @Matches(/^(IT)?[0-9 ]{11,14}$/, { message: 'must be a Partita IVA' })
  vatNumber?: string;

  @ApiPropertyOptional({ example: '+39 333 1234567' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ]{5,19}$/, { message: 'must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: 'maria.esposito@example.it' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;
}

export class PrivacyRequestDto {
  @ApiProperty({
    enum: OFFICER_CHANNELS,
    description: 'How the request reached the controller (PRV-7, PRV-8)',
  })
  @IsIn(OFFICER_CHANNELS)
  channel!: Exclude<RequestChannel, 'retention'>;

  @ApiPropertyOptional({
    example: '2026-06-01T09:00:00+02:00',
    description:
      'When it was received (defaults to now); the answer is due a month later (EXT-PRV-1)',
  })
  @IsOptional()
  @IsISO8601(INSTANT, { message: 'must be an ISO 8601 instant' })
  receivedAt?: string;

  @ApiPropertyOptional({
    example: 'Richiesta del 1 giugno',
    description: "The requester's own reference: personal data, sealed",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class RectificationDto {
  @ApiProperty({ enum: RECTIFIABLE_FIELDS })
  @IsIn(RECTIFIABLE_FIELDS)
  field!: RectifiableField;

  @ApiProperty({
    example: '+39 333 7654321',
    description: 'The correct value: personal data, sealed',
  })
  @IsString()
  @Length(1, 200)
  value!: string;

  @ApiPropertyOptional({ description: 'Why (personal data, sealed)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class RequestCreatedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example: '2026-07-01',
    description: 'Europe/Rome date by which to answer (EXT-PRV-1)',
  })
  dueOn!: string;
}
