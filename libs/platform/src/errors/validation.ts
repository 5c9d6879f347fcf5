import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes, ValidatorOptions } from 'class-validator';
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
 * `@ValidateNested()` lets a missing object through: without this, a body lacking a required
 * nested object (`customer`) reached the handler and failed there with a 500. A nested DTO
 * property that is neither `@IsOptional()` nor `@ValidateIf()` is required.
 */
export function missingNestedObjects(value: unknown): ValidationError[] {
  if (value === null || typeof value !== 'object') return [];
  const types = new Map<string, Set<string>>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(
    value.constructor,
    '',
    true,
    false,
  )) {
    if (!types.has(meta.propertyName)) types.set(meta.propertyName, new Set());
    types.get(meta.propertyName)!.add(meta.type);
  }
  const errors: ValidationError[] = [];
  for (const [property, kinds] of types) {
    if (!kinds.has(ValidationTypes.NESTED_VALIDATION)) continue;
    if (kinds.has(ValidationTypes.CONDITIONAL_VALIDATION)) continue;
    const nested = (value as Record<string, unknown>)[property];
    if (nested === undefined) {
      errors.push({
        property,
        constraints: { isDefined: `${property} is required` },
        children: [],
      });
      continue;
    }
    const children = Array.isArray(nested)
      ? nested.flatMap((item, i) => {
          const below = missingNestedObjects(item);
          return below.length ? [{ property: String(i), children: below, constraints: {} }] : [];
        })
      : missingNestedObjects(nested);
    if (children.length) errors.push({ property, children, constraints: {} });
  }
  return errors;
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * A lone surrogate (`\ud800` escaped in JSON) is not text: some validators throw on it (IsEmail
 * did, a 500), and PostgreSQL refuses a NUL character in any text (a 500 again). Any string
 * holding either is refused first, with its field.
 */
export function illFormedText(value: unknown, path = ''): ValidationError[] {
  if (typeof value === 'string')
    // NUL: PostgreSQL text cannot hold it.
    return LONE_SURROGATE.test(value) || value.includes('\u0000')
      ? [
          {
            property: path || '(body)',
            constraints: { wellFormed: 'must be valid Unicode text without NUL characters' },
          },
        ]
      : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    illFormedText(v, path ? `${path}.${key}` : key),
  );
}

class RequiringValidationPipe extends ValidationPipe {
  protected override async validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const illFormed = illFormedText(object);
    if (illFormed.length) return illFormed;
    const errors = await super.validate(object, options);
    const reported = new Set(errors.map((e) => e.property));
    return [...errors, ...missingNestedObjects(object).filter((e) => !reported.has(e.property))];
  }
}

/**
 * The global pipe: unknown properties are refused, not silently dropped, payloads become
 * instances of their DTO classes, and a required nested object must be there.
 */
export function createValidationPipe(): ValidationPipe {
  return new RequiringValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.validation(fieldErrors(errors)),
  });
}
