import { BootedApp } from '../support/boot-app';

/** The caller of every assistance scenario: fictitious, and searched for in the logs afterwards. */
export const CALLER = {
  firstName: 'Giulia',
  lastName: 'Romanelli',
  email: 'giulia.romanelli@example.it',
  phone: '+39 347 5550199',
  fiscalCode: 'RMNGLI85C41H501Z',
};
export const INVOLVED = { firstName: 'Marco', lastName: 'Bellandi', phone: '+39 333 5550123' };

export function ticket(overrides: Record<string, unknown> = {}) {
  return {
    operator: 'FASTWEB',
    channel: 'phone',
    problem: {
      category: 'ONLINE_SERVICE',
      platform: 'customer-portal',
      summary: 'Il login al portale fallisce dopo il cambio password',
    },
    caller: CALLER,
    involved: [INVOLVED],
    ...overrides,
  };
}

/** HTTP helpers over a booted app, with one operator and one admin token. */
export async function client(booted: BootedApp) {
  const tokens = {
    operator: await booted.token('operator', 'op-1'),
    supervisor: await booted.token('supervisor', 'sup-1'),
    auditor: await booted.token('auditor', 'aud-1'),
    privacy: await booted.token('privacy_officer', 'dpo-1'),
    admin: await booted.token('admin', 'admin-1'),
  };
  const post = (path: string, body: object, token = tokens.operator) =>
    booted.http.post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = tokens.operator) =>
    booted.http.get(path).set('Authorization', `Bearer ${token}`);
  const setClock = (instant: string) =>
    post('/test-clock', { set: instant }, tokens.admin).expect(200);
  const audit = async (
    ticketId: string,
  ): Promise<{ type: string; data: Record<string, unknown>; actor: { id: string } }[]> =>
    (await get(`/v1/assistance/tickets/${ticketId}/audit`, tokens.auditor).expect(200)).body
      .entries;
  const types = async (ticketId: string) => (await audit(ticketId)).map((e) => e.type);
  const open = async (overrides: Record<string, unknown> = {}) =>
    (await post('/v1/assistance/tickets', ticket(overrides)).expect(201)).body as {
      ticketId: string;
      reference: string;
    };
  return { tokens, post, get, setClock, audit, types, open };
}

export async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
