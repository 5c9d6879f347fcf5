import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

export class ClockAdvanceDto {
  @ApiPropertyOptional({ example: 3, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_500)
  days?: number;

  @ApiPropertyOptional({ example: 12, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(876_000)
  hours?: number;

  @ApiPropertyOptional({ example: 30, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(52_560_000)
  minutes?: number;

  @ApiPropertyOptional({ example: 0, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_153_600_000)
  seconds?: number;
}

export class MoveClockDto {
  @ApiPropertyOptional({
    description: 'Set the clock to this instant (may go backwards)',
    example: '2026-03-02T09:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'set must name its time zone (Z or +01:00)' })
  set?: string;

  @ApiPropertyOptional({
    description: 'Move the clock forward by this much',
    type: ClockAdvanceDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClockAdvanceDto)
  advance?: ClockAdvanceDto;
}

export class ClockNowDto {
  @ApiProperty({
    description: 'The instant the service lives in',
    example: '2026-03-02T09:00:00.000Z',
  })
  now!: string;
}
