import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from './problem';

/** Flattens class-validator's tree into `{field, reason}` pairs, values left out. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const property = error.property || '(body)';
    const field = parent ? `${parent}.${property}` : property;
    for (const reason of Object.values(error.constraints ?? {})) flat.push({ field, reason });
    if (error.children?.length) flat.push(...fieldErrors(error.children, field));
  }
  return flat;
}

/**
 * The global pipe: unknown properties are refused, not silently dropped, and payloads become
 * instances of their DTO classes.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.validation(fieldErrors(errors)),
  });
}
