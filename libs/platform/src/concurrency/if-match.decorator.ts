import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { parseIfMatch } from './etag';

const IfMatchValue = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().headers['if-match']),
);

/**
 * The revision from `If-Match`, or undefined when absent (or `*`): pass it to the command as
 * `ifMatch`, and a stale one is refused with 412.
 */
export function IfMatch(): ParameterDecorator {
  return (target, key, index) => {
    IfMatchValue()(target, key, index);
    if (key !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor)
        ApiHeader({
          name: 'If-Match',
          required: false,
          description:
            'The ETag you last read; the command is refused with 412 if the resource has changed since',
          schema: { type: 'string', example: '"3"' },
        })(target, key, descriptor);
    }
  };
}
