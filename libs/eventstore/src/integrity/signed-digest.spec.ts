import { generateKeyPairSync } from 'node:crypto';
import { TestClock } from '@sportello/clock';
import { InMemoryEventStorage } from '../adapters/in-memory/in-memory-event-storage';
import { InMemoryKeyVault } from '../privacy/in-memory-key-vault';
import { PersonalDataSealer } from '../privacy/personal-data-sealer';
import { EventSchemaRegistry } from '../schema/event-schema';
import { SealingEventStore } from '../store/sealing-event-store';
import { createSignedDigest, verifySignedDigest } from './signed-digest';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const meta = {
  occurredAt: '2026-03-28T09:00:00Z',
  actor: { id: 'op-1', role: 'operator' },
  correlationId: 'c',
};

async function storeWithTwoStreams() {
  const storage = new InMemoryEventStorage();
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register({ type: 'Ping', version: 1 }),
    new PersonalDataSealer(new InMemoryKeyVault()),
    new TestClock(),
  );
  await store.append(
    'ticket-a',
    [1, 2, 3].map((n) => ({ type: 'Ping', data: { n }, metadata: meta })),
    'no_stream',
  );
  await store.append('ticket-b', [{ type: 'Ping', data: { n: 4 }, metadata: meta }], 'no_stream');
  return { storage, store };
}

describe('signed integrity digest', () => {
  it('verifies against an untouched store, and still after later appends', async () => {
    const { storage, store } = await storeWithTwoStreams();
    const digest = await createSignedDigest(
      storage,
      { privateKey, keyId: 'svc-1' },
      new Date('2026-04-01T00:00:00Z'),
    );
    expect(digest).toMatchObject({
      streams: 2,
      heads: [
        { stream: 'ticket-a', revision: 2 },
        { stream: 'ticket-b', revision: 0 },
      ],
    });
    await store.append('ticket-a', [{ type: 'Ping', data: { n: 5 }, metadata: meta }], 2);
    expect(await verifySignedDigest(storage, digest, publicKey)).toEqual([]);
  });

  it('notices a removed last event, which the chain alone cannot', async () => {
    const { storage } = await storeWithTwoStreams();
    const digest = await createSignedDigest(storage, { privateKey, keyId: 'svc-1' }, new Date());
    storage.tamper((log, streams) => {
      const removed = streams.get('ticket-a')?.pop();
      log.splice(log.indexOf(removed as (typeof log)[number]), 1);
    });
    expect(await verifySignedDigest(storage, digest, publicKey)).toEqual([
      { kind: 'head_missing', stream: 'ticket-a' },
    ]);
  });

  it('notices an altered event below a head, and a forged digest', async () => {
    const { storage } = await storeWithTwoStreams();
    const digest = await createSignedDigest(storage, { privateKey, keyId: 'svc-1' }, new Date());
    storage.tamper(
      (_log, streams) => ((streams.get('ticket-a') as { data: unknown }[])[1].data = { n: 42 }),
    );
    expect(await verifySignedDigest(storage, digest, publicKey)).toEqual([
      { kind: 'chain_broken', stream: 'ticket-a', revision: 1 },
    ]);
    const forged = { ...digest, heads: digest.heads.slice(1), streams: 1 };
    expect(await verifySignedDigest(storage, forged, publicKey)).toEqual([
      { kind: 'bad_signature' },
    ]);
    const otherKey = generateKeyPairSync('ed25519').publicKey;
    expect(await verifySignedDigest(storage, digest, otherKey)).toEqual([
      { kind: 'bad_signature' },
    ]);
  });
});
