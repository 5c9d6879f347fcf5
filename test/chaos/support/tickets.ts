/** Requests the fault-injection scenarios send, and the checks they make on what was stored. */
import { Pool } from 'pg';
import { call } from './deployment';

let counter = 0;

function fiscalCode(i: number): string {
  const letters = 'ABCDEFGHILMNOPRSTUVZ';
  const l = (k: number) => letters[Math.floor(i / 20 ** k) % 20];
  return `${l(0)}${l(1)}${l(2)}${l(3)}${l(4)}${l(5)}80A01H501${l(0)}`;
}

/** A filing received at `receivedAt` (the service's clock: it refuses a future receipt). */
export function complaintBody(receivedAt: string): Record<string, unknown> {
  const i = ++counter;
  return {
    operator: 'FASTWEB',
    customer: {
      customerType: i % 4 === 0 ? 'business' : 'residential',
      name: `Cliente Caos ${i}`,
      fiscalCode: fiscalCode(i),
      email: `cliente${i}@example.it`,
    },
    channel: 'phone',
    receivedAt,
    category: 'service_quality',
    description: `Connessione assente, segnalazione ${i}`,
  };
}

export function faultBody(): Record<string, unknown> {
  const i = ++counter;
  return {
    operator: 'FASTWEB',
    customer: {
      customerType: 'residential',
      name: `Cliente Guasto ${i}`,
      phone: '+39 333 1234567',
    },
    lineId: `02${10_000_000 + i}`,
    service: 'broadband',
    channel: 'phone',
    description: `Linea muta, segnalazione ${i}`,
  };
}

export async function now(url: string, admin: string): Promise<string> {
  const response = await call<{ now: string }>(url, 'GET', '/test-clock', { token: admin });
  return response.body.now;
}

/** Duplicates that must never exist, whatever crashed when: one row per duplicate found. */
export async function duplicates(db: Pool, schema: string): Promise<string[]> {
  const found: string[] = [];
  const check = async (what: string, sql: string) => {
    const { rows } = await db.query<{ key: string; n: string }>(sql);
    for (const row of rows) found.push(`${what} ${row.key} ×${row.n}`);
  };
  await check(
    'complaint deadline missed',
    `SELECT stream || ' ' || (data->>'answerDueAt') AS key, count(*) AS n FROM ${schema}.events
      WHERE type = 'ComplaintAnswerDeadlineMissed' GROUP BY stream, data->>'answerDueAt' HAVING count(*) > 1`,
  );
  await check(
    'repair deadline missed',
    `SELECT stream || ' ' || (data->>'repairDueAt') AS key, count(*) AS n FROM ${schema}.events
      WHERE type = 'RepairDeadlineMissed' GROUP BY stream, data->>'repairDueAt' HAVING count(*) > 1`,
  );
  await check(
    'notice',
    `SELECT data->>'notificationId' AS key, count(*) AS n FROM ${schema}.events
      WHERE type = 'CustomerNotified' GROUP BY data->>'notificationId' HAVING count(*) > 1`,
  );
  await check(
    'ledger indemnity',
    `SELECT stream || ' ' || (metadata->>'causationId') || ' ' || (data->>'indemnityType') AS key, count(*) AS n
       FROM ${schema}.events WHERE type = 'IndemnityAssessed'
      GROUP BY stream, metadata->>'causationId', data->>'indemnityType', coalesce(data->>'party', '')
     HAVING count(*) > 1`,
  );
  await check(
    'indemnity',
    `SELECT stream AS key, count(*) FILTER (WHERE type = 'RepairIndemnityAssessed') AS n FROM ${schema}.events
      WHERE stream LIKE 'fault-%' GROUP BY stream
     HAVING count(*) FILTER (WHERE type = 'RepairIndemnityAssessed') > count(*) FILTER (WHERE type = 'FaultClosed')`,
  );
  return found;
}

/**
 * Every ticket whose deadline has passed while it was still open must show the miss: asked
 * through the API (the state folded from the stream), one ticket at a time.
 */
export async function unrecordedMisses(
  url: string,
  token: string,
  clockNow: string,
  complaints: string[],
  faults: string[],
): Promise<string[]> {
  const missing: string[] = [];
  const at = Date.parse(clockNow);
  for (const id of complaints) {
    const { body } = await call<{ status: string; answerDueAt: string; deadlineMissed: boolean }>(
      url,
      'GET',
      `/v1/complaints/${id}`,
      { token },
    );
    if (body.status === 'open' && Date.parse(body.answerDueAt) < at && !body.deadlineMissed)
      missing.push(`complaint ${id} due ${body.answerDueAt}`);
  }
  for (const id of faults) {
    const { body } = await call<{
      status: string;
      deadline: { repairDueAt: string | null; missed: boolean };
      pauses: { running: boolean }[];
    }>(url, 'GET', `/v1/faults/${id}`, { token });
    const due = body.deadline.repairDueAt;
    const paused = body.pauses.some((p) => p.running);
    if (body.status === 'open' && !paused && due && Date.parse(due) < at && !body.deadline.missed)
      missing.push(`fault ${id} due ${due}`);
  }
  return missing;
}

/** Rebuilds every registered read model from the log and compares it with the live one. */
export async function readModelDifferences(url: string, auditor: string) {
  const response = await call<{
    differenceCount: number;
    projections: { projection: string; differenceCount: number; differences: unknown[] }[];
  }>(url, 'POST', '/v1/audit/read-models/comparisons', {
    token: auditor,
    body: {},
    timeoutMs: 120_000,
  });
  if (response.status !== 200)
    throw new Error(`Read-model comparison answered ${response.status}: ${response.text}`);
  return response.body;
}
