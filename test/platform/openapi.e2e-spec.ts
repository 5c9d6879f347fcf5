import { PROBLEM_CONTENT_TYPE } from '@sportello/platform';
import { BootedApp, bootApp } from '../support/boot-app';
import { NoteTestModule } from '../support/note/note.module';
import { validateOpenApi } from '../support/openapi-validation';
import { declaredRoutes, openApiPath } from '../support/routes';
import { closeTestInfrastructure } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<
    string,
    {
      content?: Record<
        string,
        { schema?: { $ref?: string }; example?: unknown; examples?: unknown }
      >;
    }
  >;
  security?: Record<string, string[]>[];
  'x-sportello-roles'?: string[];
  'x-sportello-public'?: string;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, { scheme?: string }>;
  };
};

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(document: Document): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(
        ([method, operation]) =>
          [`${method.toUpperCase()} ${path}`, operation] as [string, Operation],
      ),
  );
}

function hasExample(operation: Operation): boolean {
  const media = Object.values(operation.responses).flatMap((response) =>
    Object.values(response.content ?? {}),
  );
  return media.some(
    (m) => m.example !== undefined || m.examples !== undefined || m.schema?.$ref !== undefined,
  );
}

/** What every document served must satisfy, whatever routes it describes. */
async function expectCompleteDocument(booted: BootedApp) {
  const response = await booted.http.get('/docs-json').expect(200);
  const document = response.body as Document;
  expect(await validateOpenApi(document)).toBe('valid');

  const documented = new Set(operations(document).map(([key]) => key));
  for (const route of declaredRoutes(booted.app))
    expect(documented).toContain(`${route.method} ${openApiPath(route.path)}`);

  expect(document.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
  for (const [key, operation] of operations(document)) {
    const roles = operation['x-sportello-roles'];
    const open = operation['x-sportello-public'];
    expect({ key, declared: Boolean(roles?.length) !== Boolean(open) }).toEqual({
      key,
      declared: true,
    });
    if (roles) {
      expect({ key, security: operation.security }).toEqual({ key, security: [{ bearer: [] }] });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    for (const [status, answer] of Object.entries(operation.responses)) {
      if (Number(status) < 400) continue;
      expect({ key, status, media: Object.keys(answer.content ?? {}) }).toEqual({
        key,
        status,
        media: [PROBLEM_CONTENT_TYPE],
      });
      expect(answer.content![PROBLEM_CONTENT_TYPE].schema?.$ref).toMatch(
        /^#\/components\/schemas\/(ProblemDetailsDto|ValidationProblemDto)$/,
      );
    }
    expect({ key, example: hasExample(operation) }).toEqual({ key, example: true });
    if (key.startsWith('POST ')) {
      expect(operation.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['409', '422']));
    }
  }
  return document;
}

describe('the OpenAPI document', () => {
  afterAll(closeTestInfrastructure);

  describe('of the real application', () => {
    let booted: BootedApp;
    beforeAll(async () => (booted = await bootApp({ env: { SPORTELLO_TEST_CLOCK: '1' } })));
    afterAll(() => booted.teardown());

    it('is valid OpenAPI and complete: every route, roles, problems, examples, bearer auth', async () => {
      expect(await validateOpenApi({ openapi: '3.0.0', paths: {} })).toMatch(/^invalid/);
      const document = await expectCompleteDocument(booted);
      expect(document.components.schemas).toHaveProperty('ProblemDetailsDto');
      expect(document.components.schemas).toHaveProperty('ValidationProblemDto');
    });

    it('is browsable in Swagger UI at /docs', async () => {
      const page = await booted.http.get('/docs').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('swagger-ui-bundle.js');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      const init = await booted.http.get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain("url: '/docs-json'");
      for (const asset of [
        'swagger-ui-bundle.js',
        'swagger-ui-standalone-preset.js',
        'swagger-ui.css',
      ])
        await booted.http.get(`/docs/${asset}`).expect(200);
    });
  });

  describe('with a feature that has bodies, path parameters and ETags', () => {
    let booted: BootedApp;
    beforeAll(async () => (booted = await bootApp({ modules: [NoteTestModule] })));
    afterAll(() => booted.teardown());

    it('stays valid and complete, with request schemas and the ETag header', async () => {
      const document = await expectCompleteDocument(booted);
      const write = document.paths['/test-notes'].post;
      expect(write.requestBody?.content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/WriteNoteDto',
      });
      expect(write['x-sportello-roles']).toEqual(['operator', 'supervisor']);
      expect(JSON.stringify(document.paths['/test-notes/{id}'].get.responses['200'])).toContain(
        'ETag',
      );
      expect(
        document.paths['/test-notes/{id}/amendments'].post.parameters?.map((p) => p.name),
      ).toEqual(expect.arrayContaining(['id', 'If-Match', 'Idempotency-Key']));
    });
  });
});
