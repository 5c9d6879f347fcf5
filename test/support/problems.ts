import type { Response } from 'supertest';

/** Asserts an RFC 9457 problem with the given status and type slug; returns its body. */
export function expectProblem(response: Response, status: number, slug?: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:sportello:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: expect.stringMatching(/^\//),
    requestId: response.headers['x-request-id'],
  });
  if (slug) expect(body.type).toBe(`urn:sportello:problem:${slug}`);
  expect(response.text).not.toMatch(/\s+at .+\(.+:\d+:\d+\)/);
  return body;
}
