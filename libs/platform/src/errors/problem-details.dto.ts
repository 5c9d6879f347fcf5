import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The OpenAPI shape of every error response (RFC 9457). */
export class ProblemDetailsDto {
  @ApiProperty({
    description: 'Identifies the kind of problem; stable, safe to branch on',
    format: 'uri-reference',
    example: 'urn:sportello:problem:not-found',
  })
  type!: string;

  @ApiProperty({ description: 'Short summary of the kind of problem', example: 'Not found' })
  title!: string;

  @ApiProperty({ description: 'The HTTP status code', example: 404 })
  status!: number;

  @ApiProperty({
    description: 'What went wrong with this request, for a person to read',
    example: 'Complaint 0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b does not exist',
  })
  detail!: string;

  @ApiProperty({
    description: 'The path of the request that failed',
    format: 'uri-reference',
    example: '/v1/complaints/0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b',
  })
  instance!: string;

  @ApiProperty({
    description: 'The request id, also in the X-Request-Id header and in the logs',
    example: '0197a3c4-6000-7000-8000-1a2b3c4d5e6f',
  })
  requestId!: string;

  @ApiPropertyOptional({
    description: 'The business rule that refused the command (422)',
    example: 'CMP-9',
  })
  ruleId?: string;

  @ApiPropertyOptional({
    description: 'The revision the resource is at now (412)',
    example: 4,
    nullable: true,
  })
  currentRevision?: number | null;
}

export class FieldErrorDto {
  @ApiProperty({ description: 'Dot path of the field', example: 'customer.email' })
  field!: string;

  @ApiProperty({
    description: 'What is expected (the rejected value is never echoed)',
    example: 'email must be an email',
  })
  reason!: string;
}

export class ValidationProblemDto extends ProblemDetailsDto {
  @ApiProperty({ type: [FieldErrorDto], description: 'Every field that is not valid' })
  errors!: FieldErrorDto[];
}
