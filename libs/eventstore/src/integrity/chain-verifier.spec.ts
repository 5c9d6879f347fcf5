import { TestClock } from '@sportello/clock';
import { InMemoryEventStorage } from '../adapters/in-memory/in-memory-event-storage';
import { InMemoryKeyVault } from '../privacy/in-memory-key-vault';
import { PersonalDataSealer } from '../privacy/personal-data-sealer';
import { EventSchemaRegistry } from '../schema/event-schema';
import { SealingEventStore } from '../store/sealing-event-store';
import { verifyAll, verifyStream } from './chain-verifier';

const meta = {
  occurredAt: '2026-03-28T09:00:00Z',
  actor: { id: 'op-1', role: 'operator' },
  correlationId: 'c',
};

async function storeWithPings(count: number) {
  const storage = new InMemoryEventStorage();
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register({ type: 'Ping', version: 1 }),
    new PersonalDataSealer(new InMemoryKeyVault()),
    new TestClock(),
  );
  for (let n = 0; n < count; n++)
    await store.append(`ticket-${n % 3}`, [{ type: 'Ping', data: { n }, metadata: meta }], 'any');
  return storage;
}

describe('hash-chain verification of the whole store', () => {
  it('reads the log in pages, reporting progress after each', async () => {
    const storage = await storeWithPings(25);
    const progress: number[] = [];
    const report = await verifyAll(storage, (checked) => progress.push(checked), { pageSize: 10 });
    expect(report).toEqual({ ok: true, eventsChecked: 25, streamsChecked: 3, firstBreak: null });
    expect(progress).toEqual([10, 20, 25]);
  });

  it('reports the first edited event with its stream, revision and global position', async () => {
    const storage = await storeWithPings(25);
    let position = '';
    storage.tamper((_log, streams) => {
      const event = (streams.get('ticket-1') ?? [])[4];
      position = event.position;
      (event as { data: unknown }).data = { n: 1000 };
    });
    const report = await verifyAll(storage, undefined, { pageSize: 4 });
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toEqual({
      kind: 'content_altered',
      stream: 'ticket-1',
      revision: 4,
      position,
      eventId: expect.any(String),
    });
    expect(report.eventsChecked).toBe(14);
    expect((await verifyStream(storage, 'ticket-0')).ok).toBe(true);
  });
});
