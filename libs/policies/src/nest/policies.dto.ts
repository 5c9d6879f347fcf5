import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

export class ListPoliciesQuery {
  @ApiPropertyOptional({ example: 'PSA' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'must be an operator code such as PSA' })
  operator?: string;
}

export class PolicyVersionParam {
  @ApiProperty({ example: 'PSA@cds' })
  @IsString()
  @Length(1, 100)
  version!: string;
}

export class WhatIfDto {
  @ApiPropertyOptional({
    example: 'PSA@agcom-255-24',
    description: 'A loaded version to try (give this or `policy`)',
  })
  @ValidateIf((o: WhatIfDto) => o.policy === undefined || o.version !== undefined)
  @IsString({ message: 'must name a loaded policy version, or give `policy` instead' })
  @Length(1, 100)
  version?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'A candidate policy document, in the format of the files under policies/ (not stored)',
  })
  @IsOptional()
  @IsObject({ message: 'must be a policy document' })
  policy?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'complaint', default: 'complaint' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  ticketKind?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous answer' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
