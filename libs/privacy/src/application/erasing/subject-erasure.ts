import { v7 as uuidv7 } from 'uuid';
import { Clock } from '@sportello/clock';
import { ConflictingState, NotFound } from '@sportello/decider';
import { SqlKeyVault } from '@sportello/eventstore';
import {
  dataSubjectStream,
  ErasedStream,
  LegalHold,
  RequestChannel,
  SubjectErased,
} from '../../domain/data-subject.events';
import { legalHoldsOf } from '../../domain/legal-holds';
import { sealedPaths } from '../../domain/personal-fields';
import { PrivacyPolicy } from '../../domain/privacy-policy';
import { StreamFacts } from '../../domain/subject-streams';
import { SubjectRegistry } from '../../registry/subject-registry';
import { PrivacyCommands, Requester } from '../commands/privacy-commands';
import { factsOfStream } from '../records/stream-facts';
import { SubjectStreamRecords, SubjectStreams } from '../records/subject-streams';
import { ReadModelScrubbers } from './read-model-scrubbers';

export interface ErasureRequestInput {
  channel: RequestChannel;
  receivedAt: string;
  reference: string | null;
}

export interface SubjectErasureDeps {
  commands: PrivacyCommands;
  streams: SubjectStreams;
  registry: SubjectRegistry;
  vault: SqlKeyVault;
  scrubbers: ReadModelScrubbers;
  policy: PrivacyPolicy;
  clock: Clock;
}

/**
 * Erasure by crypto-shredding (PRV-7, PRV-10, PRV-13): a request is registered from any channel,
 * checked against the legal holds, then executed — blind indexes forgotten, the subject's key
 * destroyed (in force in every process before the record is written), read models scrubbed —
 * and a `SubjectErased` event says what was erased, by whom, under which request. The log is
 * never touched: it still replays and its hash chains still verify.
 */
export class SubjectErasure {
  constructor(private readonly deps: SubjectErasureDeps) {}

  /** The subject's streams as stored, with their facts and the holds that apply now. */
  async review(
    subjectId: string,
  ): Promise<{ records: SubjectStreamRecords[]; facts: StreamFacts[]; holds: LegalHold[] }> {
    const own = dataSubjectStream(subjectId);
    const records = (await this.deps.streams.records(subjectId)).filter((r) => r.stream !== own);
    const facts = records.map((r) => factsOfStream(this.deps.policy, r.stream, r.events));
    const holds = legalHoldsOf(this.deps.policy, facts, this.deps.clock.now().toISOString());
    return { records, facts, holds };
  }

  async request(
    subjectId: string,
    input: ErasureRequestInput,
    as: Requester,
  ): Promise<{ requestId: string; dueOn: string }> {
    const requestId = uuidv7();
    const result = await this.deps.commands.run(
      subjectId,
      { type: 'RequestErasure', requestId, subjectId, ...input },
      as,
    );
    const request = result.state.erasureRequests.find((r) => r.requestId === requestId)!;
    return { requestId, dueOn: request.dueOn };
  }

  async execute(
    subjectId: string,
    requestId: string,
    as: Requester,
    trigger: 'request' | 'retention' = 'request',
  ): Promise<SubjectErased['data']> {
    const { state } = await this.deps.commands.load(subjectId);
    const request = state.erasureRequests.find((r) => r.requestId === requestId);
    if (!request) throw new NotFound('Erasure request', requestId);
    if (state.erased || request.status === 'executed')
      throw new ConflictingState('The data subject was already erased', { requestId }, 'PRV-13');

    const { records, facts, holds } = await this.review(subjectId);
    if (holds.length) {
      await this.deps.commands.run(subjectId, { type: 'HoldErasure', requestId, holds }, as);
      throw new ConflictingState(
        `Erasure refused: ${holds.map((h) => h.reason).join('; ')}`,
        { holds },
        'PRV-10',
      );
    }

    // Forgotten first: a filing racing the erasure makes a new subject rather than reuse this one.
    const blindIndexes = await this.deps.registry.forget(subjectId);
    await this.deps.vault.destroy(subjectId);
    const readModels = ['subject_identifiers', ...(await this.deps.scrubbers.scrub(subjectId))];
    await this.deps.vault.awaitDestroyedEverywhere();

    const streams: ErasedStream[] = records.map((r, i) => ({
      stream: r.stream,
      kind: facts[i].kind,
      personalFields: r.events.reduce(
        (n, e) => n + sealedPaths(e.data).filter((p) => p.subjectId === subjectId).length,
        0,
      ),
    }));
    const result = await this.deps.commands.run(
      subjectId,
      {
        type: 'RecordErasure',
        requestId,
        trigger,
        holds: [],
        erased: { streams, blindIndexes, readModels },
        notes: this.notes(facts),
      },
      as,
    );
    return result.state.erased!;
  }

  /** PRV-10: what the erasure keeps, and why, said in its record. */
  private notes(facts: StreamFacts[]): string[] {
    const notes = [
      'Non-personal facts (ids, times, deadlines, outcomes, amounts) stay in the log, which still replays and verifies (PRV-13)',
    ];
    for (const f of facts) {
      if (f.kind === null)
        notes.push(
          `${f.stream}: no privacy rule classifies this stream; its personal data were erased with the rest`,
        );
      else if (!f.isTicket && f.kind !== 'data-subject')
        notes.push(`${f.stream}: the ${f.kind} records stay without personal data`);
    }
    return notes;
  }
}
