import { chainHash, contentHash, GENESIS_HASH } from '../../envelope/hash-chain';
import { SealedEvent } from '../../port/event-storage.spi';
import {
  compareCheckpoints,
  formatCheckpoint,
  fromKurrentRecord,
  isSportelloRecord,
  parseCheckpoint,
  toKurrentEvent,
  USER_STREAMS_REGEX,
} from './kurrentdb-mapping';

const body = {
  id: '01a20386-0000-7000-8000-000000000001',
  stream: 'complaint-1',
  type: 'ComplaintFiled',
  schemaVersion: 2,
  data: {
    customer: { subjectId: 's', name: { $sealed: 1, subject: 's', iv: 'a', tag: 'b', ct: 'c' } },
  },
  metadata: {
    occurredAt: '2026-03-02T08:00:00.000Z',
    recordedAt: '2026-03-02T09:00:00.000Z',
    actor: { id: 'op', role: 'operator' },
  },
};
const sealed = { ...body, contentHash: contentHash(body) } as unknown as SealedEvent;

describe('KurrentDB mapping', () => {
  it('round-trips an event so that its hash chain still verifies', () => {
    const hash = chainHash(GENESIS_HASH, sealed.contentHash);
    const written = toKurrentEvent(sealed, GENESIS_HASH, hash);
    const read = fromKurrentRecord({
      streamId: 'complaint-1',
      id: written.id,
      revision: 0n,
      type: written.type,
      data: written.data,
      metadata: written.metadata,
      position: { commit: 120n, prepare: 118n },
    });
    expect(read).toEqual({
      ...body,
      revision: 0,
      position: '120:118',
      prevHash: GENESIS_HASH,
      hash,
    });
    expect(chainHash(read.prevHash, contentHash(read))).toBe(read.hash);
    expect(
      isSportelloRecord({
        streamId: 'x',
        id: 'y',
        revision: 0n,
        type: 't',
        data: {},
        metadata: written.metadata,
      }),
    ).toBe(true);
    expect(
      isSportelloRecord({
        streamId: 'x',
        id: 'y',
        revision: 0n,
        type: 't',
        data: {},
        metadata: { other: true },
      }),
    ).toBe(false);
  });

  it('orders checkpoints by commit then prepare position, and refuses foreign ones', () => {
    expect(formatCheckpoint({ commit: 10n, prepare: 9n })).toBe('10:9');
    expect(parseCheckpoint('18446744073709551615:1')).toEqual({
      commit: 18446744073709551615n,
      prepare: 1n,
    });
    expect(compareCheckpoints('10:9', '11:0')).toBeLessThan(0);
    expect(compareCheckpoints('11:2', '11:1')).toBeGreaterThan(0);
    expect(compareCheckpoints('11:1', '11:1')).toBe(0);
    expect(() => parseCheckpoint('12')).toThrow(/KurrentDB checkpoint/);
  });

  it('hides system streams and checkpoint streams from the global read', () => {
    const regex = new RegExp(USER_STREAMS_REGEX);
    expect(regex.test('complaint-1')).toBe(true);
    expect(regex.test('$statistics')).toBe(false);
    expect(regex.test('sportello_checkpoint-complaint-timers')).toBe(false);
  });
});
