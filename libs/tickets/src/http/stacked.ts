import { applyDecorators } from '@nestjs/common';

/**
 * The decorators as if written one above the other over a property: the lowest is applied first,
 * so validation errors keep the order they had when the decorators stood inline.
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...[...decorators].reverse());
}
