import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { referenceInputPattern } from '../references/reference-codes';
import { stacked } from './stacked';
import { IsBooleanQuery, IsInstant, IsOperatorCode } from './validators';

/** `cursor`: the opaque position a list returned with its previous page. */
export const PageCursor = () =>
  stacked(
    ApiPropertyOptional({ description: 'From the previous page' }),
    IsOptional(),
    IsString(),
    MaxLength(200),
  );

/** `limit`: how many rows a page holds, 1 to 200. */
export const PageLimit = () =>
  stacked(
    ApiPropertyOptional({ example: 50, maximum: 200 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
  );

/** A filter on the reference given to the customer (`GU-2026-7K4M9QX2`), in any letter case. */
export const ReferenceFilter = (prefix: string, noun = 'a reference') =>
  stacked(
    ApiPropertyOptional({ example: `${prefix}-2026-7K4M9QX2` }),
    IsOptional(),
    Matches(referenceInputPattern(prefix), {
      message: `must be ${noun} such as ${prefix}-2026-7K4M9QX2`,
    }),
  );

/** A filter on one of `values`. */
export const EnumFilter = (values: readonly string[]) =>
  stacked(ApiPropertyOptional({ enum: values }), IsOptional(), IsIn(values));

/** A filter on the operator (`PSA`, `FASTWEB`…). */
export const OperatorFilter = (example: string) =>
  stacked(ApiPropertyOptional({ example }), IsOptional(), IsOperatorCode());

/** A bound on an instant (`dueBefore`, `reportedFrom`…). */
export const InstantFilter = (example: string) =>
  stacked(ApiPropertyOptional({ example }), IsOptional(), IsInstant());

/** `?flag=true` or `?flag=false`. */
export const BooleanFilter = (description?: string) =>
  stacked(
    ApiPropertyOptional(description === undefined ? {} : { description }),
    IsOptional(),
    IsBooleanQuery(),
  );
