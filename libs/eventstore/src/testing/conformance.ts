/**
 * The one conformance suite every storage adapter passes. Call it from a test file with a
 * factory that returns a fresh, empty harness for each test.
 */
import { TestClock } from '@sportello/clock';
import { verifyAll, verifyStream } from '../integrity/chain-verifier';
import { WrongExpectedRevisionError } from '../errors';
import { NewEvent } from '../port/event-store.port';
import { EventStorage, SealedEvent } from '../port/event-storage.spi';
import { InMemoryKeyVault } from '../privacy/in-memory-key-vault';
import { ERASED, PersonalDataSealer } from '../privacy/personal-data-sealer';
import { EventSchemaRegistry } from '../schema/event-schema';
import { SealingEventStore } from '../store/sealing-event-store';
import { SubjectKeyVault } from '../privacy/subject-key-vault';

export interface ConformanceHarness {
  storage: EventStorage;
  /** Everything the backend stored, as text, to prove no personal field is kept in clear. */
  rawDump(): Promise<string>;
  /** What someone with direct database access could do (absent where the log is immutable). */
  tamper?: {
    editData(stream: string, revision: number, data: unknown): Promise<void>;
    deleteEvent(stream: string, revision: number): Promise<void>;
  };
  /**
   * Starts an append in its own transaction that takes a global position now but commits only
   * when told. Backends with no such window (in-memory) leave it out.
   */
  appendWithDelayedCommit?(
    stream: string,
    events: SealedEvent[],
  ): Promise<{ commit(): Promise<void> }>;
  close(): Promise<void>;
}

const PERSON = {
  subjectId: 'subject-0001',
  name: 'Maria Esposito',
  fiscalCode: 'SPSMRA80A41F839Y',
  phone: '+39 333 1234567',
};

export const conformanceSchemas = new EventSchemaRegistry().register(
  {
    type: 'ComplaintFiled',
    version: 1,
    personal: [
      {
        subject: 'customer.subjectId',
        fields: ['customer.name', 'customer.fiscalCode', 'customer.phone', 'description'],
      },
    ],
  },
  { type: 'NoteAdded', version: 1, personal: [{ subject: 'subjectId', fields: ['text'] }] },
  { type: 'Ping', version: 1 },
);

function meta(n = 0) {
  return {
    occurredAt: new Date(Date.UTC(2026, 2, 28, 9, 0, n)).toISOString(),
    actor: { id: 'op-1', role: 'operator' },
    correlationId: `corr-${n}`,
  };
}

function ping(n: number, id?: string): NewEvent {
  return { id, type: 'Ping', data: { n }, metadata: meta(n) };
}

function filed(): NewEvent {
  return {
    type: 'ComplaintFiled',
    data: {
      customer: { ...PERSON },
      description: `Bolletta contestata da ${PERSON.name}`,
      channel: 'pec',
    },
    metadata: meta(),
  };
}

export interface ConformanceCapabilities {
  /** The backend runs transactions side by side (PostgreSQL), so the ordering race can be staged. */
  concurrentTransactions: boolean;
  /** Rows can be edited or deleted behind the store's back (SQL), so tampering can be staged. */
  tamperable?: boolean;
}

export function describeEventStoreConformance(
  name: string,
  makeHarness: () => Promise<ConformanceHarness>,
  capabilities: ConformanceCapabilities = { concurrentTransactions: false, tamperable: true },
): void {
  describe(`event store conformance: ${name}`, () => {
    let harness: ConformanceHarness;
    let vault: SubjectKeyVault;
    let store: SealingEventStore;
    const clock = new TestClock('2026-03-28T09:00:00Z');

    const storeWith = (registry: EventSchemaRegistry) =>
      new SealingEventStore(harness.storage, registry, new PersonalDataSealer(vault), clock);

    beforeEach(async () => {
      harness = await makeHarness();
      vault = new InMemoryKeyVault();
      store = storeWith(conformanceSchemas);
    });
    afterEach(async () => harness.close());

    it('appends with each kind of expected revision and returns the next revision', async () => {
      const first = await store.append('ticket-a', [ping(1), ping(2)], 'no_stream');
      expect(first.nextExpectedRevision).toBe(1);
      expect((await store.append('ticket-a', [ping(3)], 1)).nextExpectedRevision).toBe(2);
      expect(
        (await store.append('ticket-a', [ping(4)], 'stream_exists')).nextExpectedRevision,
      ).toBe(3);
      expect((await store.append('ticket-a', [ping(5)], 'any')).nextExpectedRevision).toBe(4);
      expect((await store.append('ticket-b', [ping(6)], 'any')).nextExpectedRevision).toBe(0);

      await expect(store.append('ticket-a', [ping(7)], 'no_stream')).rejects.toThrow(
        WrongExpectedRevisionError,
      );
      await expect(store.append('ticket-a', [ping(7)], 2)).rejects.toMatchObject({ actual: 4 });
      await expect(store.append('ticket-c', [ping(7)], 'stream_exists')).rejects.toMatchObject({
        actual: null,
      });
      await expect(store.append('ticket-c', [ping(7)], 0)).rejects.toThrow(
        WrongExpectedRevisionError,
      );
      expect((await store.readStream('ticket-a')).map((e) => (e.data as { n: number }).n)).toEqual([
        1, 2, 3, 4, 5,
      ]);
      expect(await store.readStream('ticket-c')).toEqual([]);
    });

    it('lets exactly one of two concurrent writers at the same revision win', async () => {
      await store.append('ticket-race', [ping(0)], 'no_stream');
      for (let round = 0; round < 10; round++) {
        const results = await Promise.allSettled([
          store.append('ticket-race', [ping(100 + round)], round),
          store.append('ticket-race', [ping(200 + round)], round),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      const events = await store.readStream('ticket-race');
      expect(events.map((e) => e.revision)).toEqual([...Array(11).keys()]);
      expect((await verifyStream(harness.storage, 'ticket-race')).ok).toBe(true);
    });

    it('returns the first result for a retried append with the same event ids and stores nothing twice', async () => {
      const ids = ['01a20386-0000-7000-8000-000000000001', '01a20386-0000-7000-8000-000000000002'];
      const first = await store.append(
        'ticket-idem',
        [ping(1, ids[0]), ping(2, ids[1])],
        'no_stream',
      );
      clock.advance({ minutes: 1 });
      const retry = await store.append(
        'ticket-idem',
        [ping(1, ids[0]), ping(2, ids[1])],
        'no_stream',
      );
      expect(retry).toEqual(first);
      const concurrent = await Promise.all([
        store.append('ticket-idem', [ping(3, '01a20386-0000-7000-8000-000000000003')], 1),
        store.append('ticket-idem', [ping(3, '01a20386-0000-7000-8000-000000000003')], 1),
      ]);
      expect(concurrent[0]).toEqual(concurrent[1]);
      expect((await store.readStream('ticket-idem')).map((e) => e.id)).toEqual([
        ...ids,
        '01a20386-0000-7000-8000-000000000003',
      ]);
    });

    it("keeps every concurrent 'any' append and recognises a retried one", async () => {
      const ids = Array.from(
        { length: 20 },
        (_, i) => `01a20386-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`,
      );
      const first = await Promise.all(
        ids.map((id, i) => store.append('ticket-any', [ping(i, id)], 'any')),
      );
      expect(first.map((r) => r.nextExpectedRevision).sort((a, b) => a - b)).toEqual([
        ...Array(20).keys(),
      ]);
      const retried = await store.append('ticket-any', [ping(3, ids[3])], 'any');
      expect(retried).toEqual(first[3]);
      const events = await store.readStream('ticket-any');
      expect(events).toHaveLength(20);
      expect((await verifyStream(harness.storage, 'ticket-any')).ok).toBe(true);
    });

    it('stores envelope metadata: UUID v7 id, business and system time, actor, correlation, subjects, version', async () => {
      clock.set('2026-04-02T10:15:00Z');
      await store.append(
        'complaint-1',
        [
          {
            ...filed(),
            metadata: {
              ...meta(),
              occurredAt: '2026-03-20T08:00:00+01:00',
              causationId: 'cmd-1',
              policyVersion: 'PSA@2018-01-01',
            },
          },
        ],
        'no_stream',
      );
      const [event] = await store.readStream('complaint-1');
      expect(event.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(event.metadata).toEqual({
        occurredAt: '2026-03-20T07:00:00.000Z',
        recordedAt: '2026-04-02T10:15:00.000Z',
        actor: { id: 'op-1', role: 'operator' },
        correlationId: 'corr-0',
        causationId: 'cmd-1',
        subjectIds: [PERSON.subjectId],
        policyVersion: 'PSA@2018-01-01',
      });
      expect(event.schemaVersion).toBe(1);
      expect(event.data).toEqual(filed().data);
    });

    it('never stores a declared personal field in clear', async () => {
      await store.append(
        'complaint-2',
        [
          filed(),
          {
            type: 'NoteAdded',
            data: { subjectId: PERSON.subjectId, text: `Chiamare ${PERSON.phone}` },
            metadata: meta(1),
          },
        ],
        'no_stream',
      );
      const raw = await harness.rawDump();
      expect(raw).toContain('complaint-2');
      for (const value of [
        PERSON.name,
        PERSON.fiscalCode,
        PERSON.phone,
        'Esposito',
        '1234567',
        'Bolletta contestata',
      ]) {
        expect(raw).not.toContain(value);
      }
      expect((await store.readStream('complaint-2'))[1].data).toEqual({
        subjectId: PERSON.subjectId,
        text: `Chiamare ${PERSON.phone}`,
      });
    });

    it('reads the log with personal fields left sealed for read models that keep none', async () => {
      await store.append('complaint-5', [filed()], 'no_stream');
      let checkpoint = null;
      const sealed = [];
      for (;;) {
        const page = await store.readAllSealed({ fromCheckpoint: checkpoint, maxCount: 100 });
        if (page.events.length === 0) break;
        sealed.push(...page.events);
        checkpoint = page.checkpoint;
      }
      const event = sealed.find((e) => e.stream === 'complaint-5')!;
      const opened = (await store.readStream('complaint-5'))[0];
      expect({ ...event, data: null }).toEqual({ ...opened, data: null });
      const data = event.data as { customer: Record<string, unknown>; channel: string };
      expect(data.channel).toBe('pec');
      expect(data.customer.subjectId).toBe(PERSON.subjectId);
      expect(data.customer.name).toMatchObject({ $sealed: 1, subject: PERSON.subjectId });
      expect(JSON.stringify(event)).not.toContain(PERSON.name);
    });

    it('refuses an event type whose schema was never declared', async () => {
      await expect(
        store.append(
          'ticket-x',
          [{ type: 'Undeclared', data: { name: PERSON.name }, metadata: meta() }],
          'any',
        ),
      ).rejects.toThrow(/not registered/);
      expect(await store.readStream('ticket-x')).toEqual([]);
    });

    it('masks personal data once its subject key is destroyed, and the chain still verifies', async () => {
      await store.append('complaint-3', [filed()], 'no_stream');
      await vault.destroy(PERSON.subjectId);
      const [event] = await store.readStream('complaint-3');
      expect(event.data).toEqual({
        customer: { subjectId: PERSON.subjectId, name: ERASED, fiscalCode: ERASED, phone: ERASED },
        description: ERASED,
        channel: 'pec',
      });
      expect(event.masked.sort()).toEqual([
        'customer.fiscalCode',
        'customer.name',
        'customer.phone',
        'description',
      ]);
      expect((await verifyStream(harness.storage, 'complaint-3')).ok).toBe(true);
      await expect(store.append('complaint-3', [filed()], 0)).rejects.toThrow(/erased/);
    });

    it('upcasts a v1 event to the current schema on read, without rewriting it', async () => {
      await store.append('ticket-up', [ping(7)], 'no_stream');
      const v2 = new EventSchemaRegistry().register({ type: 'Ping', version: 2 }).registerUpcaster({
        type: 'Ping',
        fromVersion: 1,
        upcast: (data) => ({ count: (data as { n: number }).n, unit: 'pings' }),
      });
      const [event] = await storeWith(v2).readStream('ticket-up');
      expect(event).toMatchObject({
        schemaVersion: 2,
        storedSchemaVersion: 1,
        data: { count: 7, unit: 'pings' },
      });
      expect((await store.readStream('ticket-up'))[0].data).toEqual({ n: 7 });
      expect((await verifyStream(harness.storage, 'ticket-up')).ok).toBe(true);
    });

    it('reads a 10,000-event stream in pages, forwards and backwards', async () => {
      for (let batch = 0; batch < 20; batch++) {
        const events = Array.from({ length: 500 }, (_, i) => ping(batch * 500 + i));
        await store.append('ticket-long', events, batch === 0 ? 'no_stream' : batch * 500 - 1);
      }
      const forwards: number[] = [];
      for (let from = 0; ;) {
        const page = await store.readStream('ticket-long', { fromRevision: from, maxCount: 1_000 });
        forwards.push(...page.map((e) => e.revision));
        if (page.length < 1_000) break;
        from = page[page.length - 1].revision + 1;
      }
      expect(forwards).toEqual([...Array(10_000).keys()]);
      const tail = await store.readStream('ticket-long', { direction: 'backwards', maxCount: 3 });
      expect(tail.map((e) => e.revision)).toEqual([9_999, 9_998, 9_997]);
      const middle = await store.readStream('ticket-long', {
        direction: 'backwards',
        fromRevision: 5_000,
        maxCount: 2,
      });
      expect(middle.map((e) => (e.data as { n: number }).n)).toEqual([5_000, 4_999]);
      expect((await verifyStream(harness.storage, 'ticket-long')).eventsChecked).toBe(10_000);
    });

    it('reads the global log in order from a checkpoint, in pages', async () => {
      for (let i = 0; i < 25; i++) await store.append(`ticket-${i % 5}`, [ping(i)], 'any');
      const first = await store.readAll({ maxCount: 10 });
      expect(first.events.map((e) => (e.data as { n: number }).n)).toEqual([...Array(10).keys()]);
      const rest = await store.readAll({ fromCheckpoint: first.checkpoint, maxCount: 100 });
      expect(rest.events.map((e) => (e.data as { n: number }).n)).toEqual(
        [...Array(15).keys()].map((i) => i + 10),
      );
      const none = await store.readAll({ fromCheckpoint: rest.checkpoint });
      expect(none).toEqual({ events: [], checkpoint: rest.checkpoint });
      const positions = [...first.events, ...rest.events].map((e) => e.position);
      for (let i = 1; i < positions.length; i++)
        expect(harness.storage.compareCheckpoints(positions[i - 1], positions[i])).toBeLessThan(0);
      expect(await harness.storage.headCheckpoint()).toBe(rest.checkpoint);
    });

    const ifConcurrent = capabilities.concurrentTransactions ? it : it.skip;
    // Only a backend with side-by-side transactions can stage this race; the others cannot lose to it.
    ifConcurrent(
      'never lets a reader overtake an append that took a lower position but commits later',
      async () => {
        if (!harness.appendWithDelayedCommit)
          throw new Error('This backend must stage delayed commits');
        await store.append('ticket-early', [ping(0)], 'no_stream');
        const seen: number[] = [];
        let checkpoint = (await store.readAll()).checkpoint;
        seen.push(0);
        const slowEvent = await sealedPing(store, 'ticket-slow', 1);
        const slow = await harness.appendWithDelayedCommit('ticket-slow', [slowEvent]);
        await store.append('ticket-fast', [ping(2)], 'no_stream');

        const whileOpen = await store.readAll({ fromCheckpoint: checkpoint });
        seen.push(...whileOpen.events.map((e) => (e.data as { n: number }).n));
        checkpoint = whileOpen.checkpoint;
        await slow.commit();
        const after = await store.readAll({ fromCheckpoint: checkpoint });
        seen.push(...after.events.map((e) => (e.data as { n: number }).n));

        expect(seen.sort()).toEqual([0, 1, 2]);
      },
    );

    it('resumes a subscriber killed mid-batch with no loss and no double application', async () => {
      for (let i = 0; i < 30; i++) await store.append(`ticket-${i % 3}`, [ping(i)], 'any');
      const applied: number[] = [];
      const crashAt = 17;
      const crashing = store.subscribe(
        'conformance-sub',
        async (event) => {
          const n = (event.data as { n: number }).n;
          if (n === crashAt) throw new Error('process killed');
          applied.push(n);
        },
        { batchSize: 10, idleMs: 10 },
      );
      await crashing.stopped;
      expect(applied).toEqual([...Array(crashAt).keys()]);

      const resumed = store.subscribe(
        'conformance-sub',
        async (event) => void applied.push((event.data as { n: number }).n),
        { batchSize: 10, idleMs: 10 },
      );
      await resumed.caughtUp();
      await store.append('ticket-live', [ping(30)], 'no_stream');
      await resumed.caughtUp();
      await resumed.stop();
      expect(applied).toEqual([...Array(31).keys()]);
    });

    it('hands a subscriber only the event types it names, and moves its checkpoint past the rest', async () => {
      const note = (n: number) => ({
        type: 'NoteAdded',
        data: { subjectId: PERSON.subjectId, text: `nota ${n}` },
        metadata: meta(n),
      });
      for (let i = 0; i < 25; i++)
        await store.append(`ticket-typed-${i % 2}`, [i % 5 === 0 ? note(i) : ping(i)], 'any');
      const seen: string[] = [];
      const follow = () =>
        store.subscribe(
          'conformance-typed',
          async (event) => void seen.push(`${event.type}:${JSON.stringify(event.data)}`),
          { batchSize: 7, idleMs: 10, eventTypes: ['NoteAdded'] },
        );
      const first = follow();
      await first.caughtUp();
      await first.stop();
      const notes = (await store.readAll({ maxCount: 10_000 })).events
        .filter((e) => e.type === 'NoteAdded')
        .map((e) => `NoteAdded:${JSON.stringify(e.data)}`);
      expect(seen).toEqual(notes);
      expect(seen).toContain(
        `NoteAdded:${JSON.stringify({ subjectId: PERSON.subjectId, text: 'nota 20' })}`,
      );

      // Restarted, it resumes after everything it passed over: nothing is handed twice.
      await store.append('ticket-typed-live', [ping(30), note(31)], 'no_stream');
      const again = follow();
      await again.caughtUp();
      await again.stop();
      expect(seen.slice(notes.length)).toEqual([
        `NoteAdded:${JSON.stringify({ subjectId: PERSON.subjectId, text: 'nota 31' })}`,
      ]);
    });

    const ifTamperable = capabilities.tamperable === false ? it.skip : it;
    // KurrentDB offers no way to edit a written event, so there is nothing to stage there.
    ifTamperable(
      'detects an edited event and a deleted event when verifying the hash chain',
      async () => {
        const tamper = harness.tamper;
        if (!tamper) throw new Error('This backend must stage tampering');
        await store.append('complaint-edit', [filed(), ping(1), ping(2)], 'no_stream');
        await store.append('ticket-del', [ping(3), ping(4), ping(5)], 'no_stream');
        expect((await verifyAll(harness.storage)).ok).toBe(true);

        await tamper.editData('complaint-edit', 1, { n: 99 });
        const edited = await verifyStream(harness.storage, 'complaint-edit');
        expect(edited.firstBreak).toMatchObject({
          kind: 'content_altered',
          stream: 'complaint-edit',
          revision: 1,
        });

        await tamper.deleteEvent('ticket-del', 1);
        const deleted = await verifyStream(harness.storage, 'ticket-del');
        expect(deleted.ok).toBe(false);
        expect(deleted.firstBreak).toMatchObject({ stream: 'ticket-del', revision: 2 });

        const all = await verifyAll(harness.storage);
        expect(all.ok).toBe(false);
        expect(all.firstBreak).toMatchObject({ stream: 'complaint-edit', revision: 1 });
      },
    );

    it('lists every stream head for the integrity digest', async () => {
      await store.append('ticket-b', [ping(1), ping(2)], 'no_stream');
      await store.append('ticket-a', [ping(3)], 'no_stream');
      const heads: { stream: string; revision: number; hash: string }[] = [];
      for await (const head of harness.storage.streamHeads()) heads.push(head);
      const [b] = await store.readStream('ticket-b', { direction: 'backwards', maxCount: 1 });
      expect(heads.map((h) => [h.stream, h.revision])).toEqual([
        ['ticket-a', 0],
        ['ticket-b', 1],
      ]);
      expect(heads[1].hash).toBe(b.hash);
    });
  });
}

/** Seals an event the way the store would, for a harness that appends it itself. */
async function sealedPing(
  store: SealingEventStore,
  stream: string,
  n: number,
): Promise<SealedEvent> {
  const captured: SealedEvent[] = [];
  const spy = {
    ...store.storage,
    appendSealed: async (_stream: string, events: SealedEvent[]) => {
      captured.push(...events);
      return { status: 'wrong_expected_revision' as const, actualRevision: null };
    },
  };
  const capturing = new SealingEventStore(
    spy as typeof store.storage,
    store.registry,
    new PersonalDataSealer(new InMemoryKeyVault()),
    new TestClock(),
  );
  await capturing.append(stream, [ping(n)], 'any').catch(() => undefined);
  return captured[0];
}
