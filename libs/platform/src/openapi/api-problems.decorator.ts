import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  problemTypeUri,
  ProblemSlug,
} from '../errors/problem';
import {
  FieldErrorDto,
  ProblemDetailsDto,
  ValidationProblemDto,
} from '../errors/problem-details.dto';

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;

function example(status: number, slug: ProblemSlug): Record<string, unknown> {
  const base = {
    type: problemTypeUri(slug),
    title: PROBLEM_TYPES[slug].title,
    status,
    instance: '/v1/complaints/0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b',
    requestId: '0197a3c4-6000-7000-8000-1a2b3c4d5e6f',
  };
  switch (slug) {
    case 'validation-failed':
      return {
        ...base,
        detail: '2 fields are not valid',
        errors: [
          { field: 'customer.email', reason: 'email must be an email' },
          { field: 'colour', reason: 'property colour should not exist' },
        ],
      };
    case 'rule-violation':
      return {
        ...base,
        detail: 'A rejection must state its reasons',
        ruleId: 'CMP-9',
      };
    case 'precondition-failed':
      return {
        ...base,
        detail: 'The ticket changed: it is at revision 4, not 3',
        currentRevision: 4,
      };
    default:
      return { ...base, detail: PROBLEM_TYPES[slug].title };
  }
}

/** Documents error responses with the problem+json schema and an example per kind of problem. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto, ValidationProblemDto, FieldErrorDto),
    ...statuses.map((status) => {
      const slugs = (Object.keys(PROBLEM_TYPES) as ProblemSlug[]).filter(
        (slug) => PROBLEM_TYPES[slug].status === status,
      );
      const schema = status === 400 ? ValidationProblemDto : ProblemDetailsDto;
      return ApiResponse({
        status,
        description: slugs.map((slug) => PROBLEM_TYPES[slug].title).join('; '),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(schema) },
            examples: Object.fromEntries(
              slugs.map((slug) => [
                slug,
                { summary: PROBLEM_TYPES[slug].title, value: example(status, slug) },
              ]),
            ),
          },
        },
      });
    }),
  ) as MethodDecorator & ClassDecorator;
}
