/**
 * The rows of a generated complaint store, made by the real decider and sealing store (see
 * complaint-store.ts). Runs on a worker thread; plain data in, column batches out.
 */
import { v7 as uuidv7 } from 'uuid';
import { TestClock } from '@sportello/clock';
import {
  AppendOutcome,
  chainHash,
  EventSchemaRegistry,
  EventStorage,
  GENESIS_HASH,
  NewEvent,
  PersonalDataSealer,
  SealedEvent,
  SealingEventStore,
  SubjectKeyVault,
} from '@sportello/eventstore';
import {
  ComplaintCommand,
  complaintDecider,
  ComplaintEvent,
  complaintEventSchemas,
  ComplaintState,
} from '@sportello/complaints';
import { FASTWEB_COMPLAINTS } from '@sportello/complaints/testing/complaint-policies.fixture';

/** Ten events each: `closed` is filed, acknowledged, six notes, answered, closed; `open` is filed,
 * acknowledged, eight notes. `filed`: the filing only (its answer deadline still open). */
export type Lifecycle = 'closed' | 'open' | 'filed';

export interface ComplaintSpec {
  complaints: number;
  /** `mixed`: every fifth complaint open, the rest closed; `filed`: filings only. */
  lifecycle: 'mixed' | 'filed';
  /**
   * Receipt instants, segment after segment: `count` complaints from `from`, `perInstant` of
   * them (1 unless given) received at each instant, instants `stepMs` apart.
   */
  receivedAt: { count: number; from: string; stepMs: number; perInstant?: number }[];
  /** Complaints decided together; their events interleave in the log. */
  wave?: number;
}

export interface RowBatch {
  ids: string[];
  streams: string[];
  revisions: number[];
  types: string[];
  versions: number[];
  data: string[];
  metadata: string[];
  recordedAt: string[];
  prev: string[];
  hash: string[];
}

export const BATCH_ROWS = 5_000;
const OPERATOR = { id: 'op-bench', role: 'operator', roles: ['operator'] };

export function lifecycleOf(spec: ComplaintSpec, i: number): Lifecycle {
  if (spec.lifecycle === 'filed') return 'filed';
  return i % 5 === 0 ? 'open' : 'closed';
}

export function receivedAtOf(spec: ComplaintSpec, i: number): string {
  let k = i;
  for (const segment of spec.receivedAt) {
    if (k < segment.count) {
      const instant = Math.floor(k / (segment.perInstant ?? 1));
      return new Date(Date.parse(segment.from) + instant * segment.stepMs).toISOString();
    }
    k -= segment.count;
  }
  throw new RangeError(`No receipt instant for complaint ${i}`);
}

class PreparedVault implements SubjectKeyVault {
  constructor(private readonly keys: Map<string, Buffer>) {}
  async keyFor(subjectId: string): Promise<Buffer> {
    const key = this.keys.get(subjectId);
    if (!key) throw new Error(`No key prepared for ${subjectId}`);
    return key;
  }
  async findKey(subjectId: string): Promise<Buffer | null> {
    return this.keys.get(subjectId) ?? null;
  }
  async destroy(): Promise<boolean> {
    throw new Error('not in a benchmark');
  }
  async isDestroyed(): Promise<boolean> {
    return false;
  }
}

function capturingStorage(into: SealedEvent[]): EventStorage {
  const refuse = () => {
    throw new Error('capture only');
  };
  return {
    backend: 'capture',
    init: async () => undefined,
    appendSealed: async (_stream, events): Promise<AppendOutcome> => {
      into.push(...events);
      return { status: 'appended', nextExpectedRevision: 0, position: '0:0' };
    },
    readStream: refuse,
    readAll: refuse,
    headCheckpoint: refuse,
    loadCheckpoint: refuse,
    saveCheckpoint: refuse,
    streamHeads: refuse,
    compareCheckpoints: refuse,
    close: async () => undefined,
  };
}

function fiscalCode(i: number): string {
  const letters = 'ABCDEFGHILMNOPRSTUVZ';
  const l = (k: number) => letters[Math.floor(i / 20 ** k) % 20];
  return `${l(0)}${l(1)}${l(2)}${l(3)}${l(4)}${l(5)}80A01H501${l(0)}`;
}

/** The commands of one complaint's life, each with the instant it is decided at. */
function commandsOf(
  id: string,
  subjectId: string,
  i: number,
  lifecycle: Lifecycle,
  receivedAt: string,
): { at: string; command: ComplaintCommand }[] {
  const t0 = Date.parse(receivedAt);
  const at = (hours: number) => new Date(t0 + hours * 3_600_000).toISOString();
  const filing: ComplaintCommand = {
    type: 'FileComplaint',
    complaintId: id,
    trackingCode: `RC-BENCH-${String(i).padStart(9, '0')}`,
    policy: FASTWEB_COMPLAINTS,
    customer: {
      subjectId,
      customerType: i % 7 === 0 ? 'business' : 'residential',
      name: `Cliente ${i % 997} Rossi`,
      fiscalCode: fiscalCode(i),
      phone: `+39 333 ${String(1_000_000 + (i % 8_999_999))}`,
    },
    channel: 'phone',
    receivedAt,
    sentAt: null,
    category: i % 3 === 0 ? 'billing' : 'service_quality',
    description: `Disservizio sulla linea, segnalazione numero ${i}: connessione assente da due giorni`,
    invoice: null,
    outage: null,
  };
  const out: { at: string; command: ComplaintCommand }[] = [{ at: receivedAt, command: filing }];
  if (lifecycle === 'filed') return out;
  out.push({ at: at(2), command: { type: 'AcknowledgeComplaint' } });
  const note = (h: number) => ({
    at: at(h),
    command: {
      type: 'AddComplaintNote',
      noteId: uuidv7(),
      text: `Richiamato il cliente, verifica in corso (${h})`,
    } as ComplaintCommand,
  });
  const notes = lifecycle === 'open' ? 8 : 6;
  for (let n = 0; n < notes; n++) out.push(note(3 + n * 7));
  if (lifecycle === 'open') return out;
  out.push({
    at: at(72),
    command: {
      type: 'AnswerComplaint',
      outcome: 'rejected',
      answeredAt: at(72),
      answerDocument: {
        reference: `RISP-${i}`,
        reasons: ['La linea risulta attiva e funzionante'],
      },
      measures: [],
      refundCents: null,
      paymentDueOn: null,
    },
  });
  out.push({ at: at(73), command: { type: 'CloseComplaint' } });
  return out;
}

function emptyBatch(): RowBatch {
  return {
    ids: [],
    streams: [],
    revisions: [],
    types: [],
    versions: [],
    data: [],
    metadata: [],
    recordedAt: [],
    prev: [],
    hash: [],
  };
}

/**
 * Decides, seals and links complaints `range[0]` to `range[1] - 1`, handing over a batch each
 * time `BATCH_ROWS` rows are ready (and waiting for `emit` before going on).
 */
export async function makeRows(
  spec: ComplaintSpec,
  range: [number, number],
  subjects: string[],
  keys: Map<string, Buffer>,
  emit: (batch: RowBatch) => Promise<void>,
): Promise<{ id: string; subjectId: string; lifecycle: Lifecycle }[]> {
  const captured: SealedEvent[] = [];
  const clock = new TestClock();
  const sealing = new SealingEventStore(
    capturingStorage(captured),
    new EventSchemaRegistry().register(...Object.values(complaintEventSchemas)),
    new PersonalDataSealer(new PreparedVault(keys)),
    clock,
  );
  const complaints: { id: string; subjectId: string; lifecycle: Lifecycle }[] = [];
  const wave = spec.wave ?? 1_000;
  // A filing's answer term depends on the policy and the receipt instant only, and its calendar
  // arithmetic is most of the decider's cost: it runs once per instant, and every complaint
  // received then gets that event with its own ids and details — what the decider returns for it.
  const filings = new Map<string, ComplaintEvent>();
  const decide = (command: ComplaintCommand, state: ComplaintState, at: string) => {
    if (command.type !== 'FileComplaint' || command.invoice || command.outage)
      return complaintDecider.decide(command, state, {
        now: at,
        actor: OPERATOR,
      }) as ComplaintEvent[];
    const key = `${command.receivedAt}|${command.channel}`;
    let template = filings.get(key);
    if (!template) {
      const decided = complaintDecider.decide(command, state, { now: at, actor: OPERATOR });
      if (decided.length !== 1) return decided as ComplaintEvent[];
      filings.set(key, (template = decided[0] as ComplaintEvent));
    }
    const { complaintId, trackingCode, customer, category, description } = command;
    return [
      {
        ...template,
        data: { ...template.data, complaintId, trackingCode, customer, category, description },
      } as ComplaintEvent,
    ];
  };
  let batch = emptyBatch();

  for (let first = range[0]; first < range[1]; first += wave) {
    const lives = [];
    for (let i = first; i < Math.min(first + wave, range[1]); i++) {
      const id = uuidv7();
      const subjectId = subjects[i % subjects.length];
      const lifecycle = lifecycleOf(spec, i);
      complaints.push({ id, subjectId, lifecycle });
      lives.push({
        stream: `complaint-${id}`,
        steps: commandsOf(id, subjectId, i, lifecycle, receivedAtOf(spec, i)),
        state: complaintDecider.initialState() as ComplaintState,
        revision: -1,
        prevHash: GENESIS_HASH,
      });
    }
    // Step k of every complaint of the wave, then step k+1: the log interleaves tickets.
    for (let k = 0; lives.some((l) => k < l.steps.length); k++) {
      for (const life of lives) {
        const step = life.steps[k];
        if (!step) continue;
        const produced = decide(step.command, life.state, step.at);
        const events: NewEvent[] = produced.map((event) => ({
          type: event.type,
          data: event.data,
          metadata: {
            occurredAt: step.at,
            actor: { id: OPERATOR.id, role: OPERATOR.role },
            correlationId: uuidv7(),
            policyVersion: FASTWEB_COMPLAINTS.version,
          },
        }));
        clock.set(step.at);
        captured.length = 0;
        await sealing.append(life.stream, events, life.revision < 0 ? 'no_stream' : life.revision);
        for (const event of captured) {
          life.revision += 1;
          const hash = chainHash(life.prevHash, event.contentHash);
          batch.ids.push(event.id);
          batch.streams.push(event.stream);
          batch.revisions.push(life.revision);
          batch.types.push(event.type);
          batch.versions.push(event.schemaVersion);
          batch.data.push(JSON.stringify(event.data));
          batch.metadata.push(JSON.stringify(event.metadata));
          batch.recordedAt.push(event.metadata.recordedAt as string);
          batch.prev.push(life.prevHash);
          batch.hash.push(hash);
          life.prevHash = hash;
        }
        for (const event of produced)
          life.state = complaintDecider.evolve(life.state, event as never);
      }
    }
    if (batch.ids.length >= BATCH_ROWS) {
      await emit(batch);
      batch = emptyBatch();
    }
  }
  if (batch.ids.length) await emit(batch);
  return complaints;
}
