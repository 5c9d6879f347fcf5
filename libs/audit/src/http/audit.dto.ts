import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const INSTANT = { strict: true, strictSeparator: true } as const;
const BOOLEAN = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
const STREAM = /^[a-z][a-z0-9_]*(-[A-Za-z0-9_.:-]+)?$/;
const HEX64 = /^[0-9a-f]{64}$/;

export class StreamParam {
  @ApiProperty({ example: 'complaint-0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  @Matches(STREAM, { message: 'must be a stream name such as complaint-<uuid>' })
  @Length(1, 200)
  stream!: string;
}

/** PRV-1: masked unless the auditor asks for clear text and says why (the access is recorded). */
export class UnmaskQuery {
  @ApiPropertyOptional({
    description: 'Show personal fields in clear (auditors only); needs a reason and is recorded',
    example: false,
  })
  @IsOptional()
  @Transform(BOOLEAN)
  @IsBoolean({ message: 'must be true or false' })
  unmask?: boolean;

  @ApiPropertyOptional({
    description: 'Why personal data must be seen (no personal data in it), at least 10 characters',
    example: 'Richiesta del Garante prot. 2026/118',
  })
  @ValidateIf((q: UnmaskQuery) => q.unmask === true || q.reason !== undefined)
  @Length(10, 500, { message: 'must say why, in 10 to 500 characters' })
  reason?: string;
}

export class StreamEventsQuery extends UnmaskQuery {
  @ApiPropertyOptional({ example: 0, description: 'First revision to read (inclusive)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // IsInt accepts 1e308, which the database's bigint refused with a 500.
  @Max(Number.MAX_SAFE_INTEGER)
  fromRevision?: number;

  @ApiPropertyOptional({ example: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class LogEventsQuery extends UnmaskQuery {
  @ApiPropertyOptional({
    example: '1234:56',
    description: 'Continue after this global position (the `checkpoint` of the previous page)',
  })
  @IsOptional()
  @Matches(/^[0-9A-Za-z:_-]{1,100}$/, { message: 'must be a checkpoint from a previous page' })
  after?: string;

  @ApiPropertyOptional({ example: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class StateAsOfQuery extends UnmaskQuery {
  @ApiPropertyOptional({
    example: '2026-03-02T10:00:00Z',
    description: 'The instant (by recorded time); with `revision`, whichever comes first',
  })
  @ValidateIf((q: StateAsOfQuery) => q.at !== undefined || q.revision === undefined)
  @IsISO8601(INSTANT, { message: 'must be an ISO 8601 instant (at or revision is required)' })
  at?: string;

  @ApiPropertyOptional({ example: 3, description: 'Fold up to and including this revision' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  revision?: number;
}

export class ReadModelRowParams {
  @ApiProperty({ example: 'complaints_list' })
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'must be a read-model name' })
  projection!: string;

  @ApiProperty({ example: 'complaints' })
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'must be a table name' })
  table!: string;
}

export class RowAsOfQuery {
  @ApiProperty({ example: '2026-03-02T10:00:00Z', description: 'The instant (by recorded time)' })
  @IsISO8601(INSTANT)
  at!: string;

  @ApiProperty({
    type: [String],
    example: ['0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b'],
    description: 'The primary-key values, in key order (repeat `key` for a composite key)',
  })
  @Transform(({ value }) => (Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  key!: string[];
}

export class IntegrityQuery {
  @ApiPropertyOptional({
    example: 'complaint-0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b',
    description: 'Verify one stream; without it, the whole store',
  })
  @IsOptional()
  @Matches(STREAM, { message: 'must be a stream name such as complaint-<uuid>' })
  @Length(1, 200)
  stream?: string;
}

export class CompareReadModelsDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['complaints_list'],
    description: 'The read models to rebuild and compare; all registered ones when omitted',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { each: true, message: 'must be read-model names' })
  projections?: string[];
}

export class DigestDateParam {
  @ApiProperty({ example: '2026-03-02', description: 'The day (Europe/Rome) the digest covers' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'must be a date YYYY-MM-DD',
  })
  date!: string;
}

export class DigestListQuery {
  @ApiPropertyOptional({ example: 30, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  limit?: number;
}

export class StreamHeadDto {
  @ApiProperty({ example: 'complaint-0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' })
  @Matches(STREAM)
  @Length(1, 200)
  stream!: string;

  @ApiProperty({ example: 4 })
  @IsInt()
  @Min(0)
  revision!: number;

  @ApiProperty({ example: 'a3f1…', pattern: HEX64.source })
  @Matches(HEX64)
  hash!: string;
}

/** A digest as kept by the auditor, sent back to be checked against the store as it is now. */
export class SignedDigestDto {
  @ApiPropertyOptional({ example: '2026-03-02' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;

  @ApiProperty({ enum: ['sportello-digest/1'] })
  @IsIn(['sportello-digest/1'])
  format!: 'sportello-digest/1';

  @ApiProperty({ example: '2026-03-02T23:00:00.000Z' })
  @IsISO8601(INSTANT)
  createdAt!: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(0)
  streams!: number;

  @ApiProperty({ pattern: HEX64.source })
  @Matches(HEX64)
  root!: string;

  @ApiProperty({ type: [StreamHeadDto] })
  @IsArray()
  @ArrayMaxSize(5_000_000)
  @ValidateNested({ each: true })
  @Type(() => StreamHeadDto)
  heads!: StreamHeadDto[];

  @ApiProperty({ example: 'audit-ed25519-4f1c2a9e0b7d3c58' })
  @IsString()
  @MaxLength(200)
  keyId!: string;

  @ApiProperty({ description: 'Ed25519 signature, base64' })
  @Matches(/^[A-Za-z0-9+/]{86}==$/, { message: 'must be an Ed25519 signature in base64' })
  signature!: string;
}
