import { INestApplication, Injectable } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_AUTH } from '../auth/access.decorators';
import { ROLES } from '../auth/roles';
import {
  FieldErrorDto,
  ProblemDetailsDto,
  ValidationProblemDto,
} from '../errors/problem-details.dto';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problemTypeUri } from '../errors/problem';

const DESCRIPTION = `
Event-sourced complaints and ticketing for Italian telecom operators.

**Authentication.** Send \`Authorization: Bearer <JWT>\`. The token's \`roles\` claim grants
${ROLES.map((r) => `\`${r}\``).join(', ')}; each operation lists the roles it accepts in
\`x-sportello-roles\` (public ones carry \`x-sportello-public\`).

**Errors** are RFC 9457 \`application/problem+json\` documents with \`type\`, \`title\`, \`status\`,
\`detail\`, \`instance\` and \`requestId\`; validation errors add \`errors: [{field, reason}]\`.

**Optimistic concurrency.** Ticket resources carry an \`ETag\` (their revision). Send it back in
\`If-Match\` with a command: if the ticket changed meanwhile the command is refused with 412.

**Idempotency.** Every POST accepts \`Idempotency-Key\`. A retry with the same key and body returns
the first response (marked \`Idempotent-Replayed: true\`) without doing anything again; the same key
with another body is refused with 422. Keys are remembered for at least 24 hours.
`;

/** Holds the built document for the docs endpoints. */
@Injectable()
export class OpenApiDocumentHolder {
  document: OpenAPIObject | null = null;
}

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sportello API')
    .setDescription(DESCRIPTION.trim())
    .setVersion(version)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: "A JWT whose `roles` claim lists the caller's roles",
      },
      BEARER_AUTH,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetailsDto, ValidationProblemDto, FieldErrorDto],
    operationIdFactory: (controller, method) =>
      `${controller.replace(/Controller$/, '')}_${method}`,
  });
  for (const item of Object.values(document.paths)) {
    if (item.post) documentIdempotency(item.post);
  }
  return document;
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['post']>;

/** Every POST takes an Idempotency-Key; its two refusals are documented once, here. */
function documentIdempotency(operation: Operation): void {
  operation.parameters ??= [];
  operation.parameters.push({
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: the same key and body return the first response, nothing runs twice',
    schema: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      example: '5b0f6f3e-8c1d-4c1e-9a57-0d0c2b4f9e21',
    },
  });
  addProblem(operation, 409, 'idempotency-request-in-flight');
  addProblem(operation, 422, 'idempotency-key-reused');
}

function addProblem(
  operation: Operation,
  status: number,
  slug: 'idempotency-request-in-flight' | 'idempotency-key-reused',
): void {
  const title = PROBLEM_TYPES[slug].title;
  const response = (operation.responses[String(status)] ??= {
    description: title,
    content: {
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
    },
  }) as { description: string; content?: Record<string, { examples?: Record<string, unknown> }> };
  if (!response.description.includes(title)) response.description += `; ${title}`;
  const media = ((response.content ??= {})[PROBLEM_CONTENT_TYPE] ??= {
    schema: { $ref: '#/components/schemas/ProblemDetailsDto' },
  } as { examples?: Record<string, unknown> });
  media.examples ??= {};
  media.examples[slug] = {
    summary: title,
    value: {
      type: problemTypeUri(slug),
      title,
      status,
      detail: title,
      instance: '/v1/complaints',
      requestId: '0197a3c4-6000-7000-8000-1a2b3c4d5e6f',
    },
  };
}
