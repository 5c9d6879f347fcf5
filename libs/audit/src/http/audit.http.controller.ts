import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { ConflictingState, NotFound } from '@sportello/decider';
import {
  ProjectionKeptMovingError,
  SealingEventStore,
  verifyAll,
  verifySignedDigest,
  verifyStream,
} from '@sportello/eventstore';
import { ApiProblems, CommandGateway, ProblemException, Roles } from '@sportello/platform';
import { AuditCatalog } from '../catalog/audit-catalog';
import { ProjectionAudit } from '../comparing-projections/projection-audit';
import { accessStream, personalDataAccessDecider } from '../domain/personal-data-access.decider';
import { AuditLog, AuditView } from '../replaying/audit-log';
import { AUDIT_SIGNING_KEY, AuditSigningKey } from '../signing-digests/audit-signing-key';
import { DigestStore } from '../signing-digests/digest-store';
import { TimeTravel, TimeTravelInputError } from '../time-travelling/time-travel';
import {
  CompareReadModelsDto,
  DigestDateParam,
  DigestListQuery,
  IntegrityQuery,
  LogEventsQuery,
  ReadModelRowParams,
  RowAsOfQuery,
  SignedDigestDto,
  StateAsOfQuery,
  StreamEventsQuery,
  StreamParam,
  UnmaskQuery,
} from './audit.dto';

/** Auditors only: replay and time travel show ticket content (masked by default). */
const READERS = ['auditor'] as const;
/** Integrity and read-model checks show no ticket content: administrators may run them too. */
const CHECKERS = ['auditor', 'admin'] as const;

const EVENT_EXAMPLE = {
  position: '1234:56',
  stream: 'complaint-0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b',
  revision: 0,
  id: '0197a3c4-6000-7000-8000-1a2b3c4d5e6f',
  type: 'ComplaintFiled',
  schemaVersion: 1,
  storedSchemaVersion: 1,
  data: { complaintId: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b', customer: { name: '[masked]' } },
  metadata: { occurredAt: '2026-03-02T08:00:00.000Z', recordedAt: '2026-03-02T09:00:00.000Z' },
  prevHash: '0'.repeat(64),
  hash: '5d1c…',
  masked: ['customer.name'],
  erased: [],
};

/**
 * `/v1/audit`: read-only. Replay, time travel, hash-chain verification, rebuild-and-compare of
 * the read models, and the signed daily digests.
 */
@ApiTags('audit')
@Controller('v1/audit')
export class AuditHttpController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly log: AuditLog,
    private readonly timeTravel: TimeTravel,
    private readonly readModels: ProjectionAudit,
    private readonly catalog: AuditCatalog,
    private readonly digests: DigestStore,
    private readonly store: SealingEventStore,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: AuditSigningKey,
  ) {}

  @Get('events')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Replay the global log, paged, with each event’s metadata and hash-chain link',
    description:
      'Personal fields read `[masked]` unless `unmask=true` with a `reason`: the access is then recorded as a PersonalDataAccessedByAuditor event naming the data subjects (PRV-1). Fields of erased subjects read `[erased]` (PRV-13).',
  })
  @ApiOkResponse({
    schema: {
      example: { events: [EVENT_EXAMPLE], checkpoint: '1234:56', hasMore: false },
    },
  })
  @ApiProblems(400, 422)
  replayLog(@Query() query: LogEventsQuery) {
    return this.log.readLog({ after: query.after, limit: query.limit }, this.view(query));
  }

  @Get('streams/:stream/events')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Replay one stream, paged, masked unless unmasked with a reason (recorded)',
  })
  @ApiOkResponse({
    schema: {
      example: { stream: EVENT_EXAMPLE.stream, events: [EVENT_EXAMPLE], nextRevision: null },
    },
  })
  @ApiProblems(400, 404, 422)
  async replayStream(@Param() { stream }: StreamParam, @Query() query: StreamEventsQuery) {
    const page = await this.log.readStream(
      stream,
      { fromRevision: query.fromRevision, limit: query.limit },
      this.view(query),
    );
    if (page.events.length === 0 && !query.fromRevision) throw new NotFound('Stream', stream);
    return page;
  }

  @Get('streams/:stream/state')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'A ticket as it was at an instant (by recorded time) or revision',
    description:
      'Folded by the ticket’s decider from the events recorded up to then, never from a snapshot. `lastEvent` is the last event folded.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        stream: EVENT_EXAMPLE.stream,
        kind: 'complaint',
        at: '2026-03-02T10:00:00.000Z',
        upToRevision: null,
        lastEvent: {
          revision: 0,
          id: EVENT_EXAMPLE.id,
          type: 'ComplaintFiled',
          recordedAt: '2026-03-02T09:00:00.000Z',
        },
        eventsFolded: 1,
        state: { status: 'open' },
        masked: ['customer.name'],
        erased: [],
      },
    },
  })
  @ApiProblems(400, 404, 422)
  stateAsOf(@Param() { stream }: StreamParam, @Query() query: StateAsOfQuery) {
    return this.inputChecked(() =>
      this.timeTravel.ticketAsOf(
        stream,
        { at: query.at ? new Date(query.at) : undefined, revision: query.revision },
        this.view(query),
      ),
    );
  }

  @Get('read-models')
  @Roles(...CHECKERS)
  @ApiOperation({ summary: 'The ticket kinds and read models registered for audit' })
  @ApiOkResponse({
    schema: {
      example: {
        streamKinds: [{ kind: 'complaint', streamPrefix: 'complaint-' }],
        readModels: [{ name: 'complaints_list', tables: ['complaints'] }],
      },
    },
  })
  catalogue() {
    return {
      streamKinds: this.catalog.describe().streams,
      readModels: this.catalog.projections().map((p) => ({ name: p.name, tables: p.tables })),
    };
  }

  @Get('read-models/:projection/:table/row')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'A read-model row as it was at an instant (by recorded time)',
    description:
      'The read model is folded from position zero into throw-away tables with every event recorded up to `at`; `row` is null when it did not exist yet.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        projection: 'complaints_list',
        table: 'complaints',
        key: { complaint_id: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' },
        at: '2026-03-02T10:00:00.000Z',
        eventsFolded: 12,
        row: { status: 'open', revision: 0 },
      },
    },
  })
  @ApiProblems(400, 404)
  rowAsOf(@Param() params: ReadModelRowParams, @Query() query: RowAsOfQuery) {
    return this.inputChecked(() =>
      this.timeTravel.rowAsOf(params.projection, params.table, query.key, new Date(query.at)),
    );
  }

  @Post('read-models/comparisons')
  @HttpCode(200)
  @Roles(...CHECKERS)
  @ApiOperation({
    summary: 'Rebuild read models from position zero into shadow tables and compare with live',
    description:
      'Nothing is swapped in: each rebuilt copy is compared row by row (by primary key) with the live tables at the live checkpoint, then dropped. Every difference is reported (there should be none).',
  })
  @ApiOkResponse({
    schema: {
      example: {
        differenceCount: 1,
        projections: [
          {
            projection: 'complaints_list',
            checkpoint: '1234:56',
            eventsApplied: 40,
            tables: [
              { table: 'complaints', primaryKey: ['complaint_id'], liveRows: 3, rebuiltRows: 3 },
            ],
            differenceCount: 1,
            differences: [
              {
                table: 'complaints',
                key: { complaint_id: '0197a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b' },
                kind: 'changed',
                columns: [{ column: 'status', live: 'closed', rebuilt: 'open' }],
              },
            ],
            truncated: false,
          },
        ],
      },
    },
  })
  @ApiProblems(400, 404, 409)
  async compare(@Body() body: CompareReadModelsDto) {
    try {
      return await this.readModels.compare(body.projections);
    } catch (error) {
      if (error instanceof ProjectionKeptMovingError) throw new ConflictingState(error.message);
      throw error;
    }
  }

  @Get('integrity')
  @Roles(...CHECKERS)
  @ApiOperation({
    summary: 'Verify the hash chain of one stream or of the whole store; reports the first break',
  })
  @ApiOkResponse({
    schema: {
      example: {
        scope: 'store',
        ok: false,
        eventsChecked: 1200,
        streamsChecked: 80,
        firstBreak: {
          kind: 'content_altered',
          stream: EVENT_EXAMPLE.stream,
          revision: 2,
          position: '1234:58',
          eventId: EVENT_EXAMPLE.id,
        },
      },
    },
  })
  @ApiProblems(400, 404)
  async integrity(@Query() { stream }: IntegrityQuery) {
    if (!stream) return { scope: 'store', ...(await verifyAll(this.store.storage)) };
    const report = await verifyStream(this.store.storage, stream);
    if (report.eventsChecked === 0 && report.ok) throw new NotFound('Stream', stream);
    return { scope: 'stream', stream, ...report };
  }

  @Get('signing-key')
  @Roles(...CHECKERS)
  @ApiOperation({
    summary: 'The public key that signs the daily digests, to keep beside them',
  })
  @ApiOkResponse({
    schema: {
      example: {
        keyId: 'audit-ed25519-4f1c2a9e0b7d3c58',
        algorithm: 'Ed25519',
        publicKeyPem: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n',
      },
    },
  })
  signingKey() {
    return { keyId: this.key.keyId, algorithm: 'Ed25519', publicKeyPem: this.key.publicKeyPem };
  }

  @Get('digests')
  @Roles(...CHECKERS)
  @ApiOperation({ summary: 'The latest signed daily digests (newest first)' })
  @ApiOkResponse({
    schema: {
      example: {
        items: [
          {
            date: '2026-03-02',
            createdAt: '2026-03-02T23:00:00.000Z',
            streams: 80,
            root: '9c2e…',
            keyId: 'audit-ed25519-4f1c2a9e0b7d3c58',
          },
        ],
      },
    },
  })
  @ApiProblems(400)
  async listDigests(@Query() query: DigestListQuery) {
    return { items: await this.digests.list(query.limit ?? 30) };
  }

  @Get('digests/:date')
  @Roles(...CHECKERS)
  @ApiOperation({
    summary: 'The signed digest of a day: every stream’s head hash, signed with the service key',
    description:
      'Keep it (and the public key) outside the system; later, POST it to /v1/audit/digests/verify or check it with the CLI.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        date: '2026-03-02',
        format: 'sportello-digest/1',
        createdAt: '2026-03-02T23:00:00.000Z',
        streams: 1,
        root: '9c2e…',
        heads: [{ stream: EVENT_EXAMPLE.stream, revision: 4, hash: 'a3f1…' }],
        keyId: 'audit-ed25519-4f1c2a9e0b7d3c58',
        signature: 'base64…',
      },
    },
  })
  @ApiProblems(400, 404)
  async digest(@Param() { date }: DigestDateParam) {
    const digest = await this.digests.find(date);
    if (!digest) throw new NotFound('Digest', date);
    return digest;
  }

  @Post('digests/verify')
  @HttpCode(200)
  @Roles(...CHECKERS)
  @ApiOperation({
    summary: 'Check a kept digest against the store as it is now',
    description:
      'Valid when the signature holds and every head is unchanged (appends after it are fine); a rewritten or removed event makes it invalid, naming the stream.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        valid: false,
        keyId: 'audit-ed25519-4f1c2a9e0b7d3c58',
        problems: [{ kind: 'chain_broken', stream: EVENT_EXAMPLE.stream, revision: 1 }],
      },
    },
  })
  @ApiProblems(400)
  async verifyDigest(@Body() body: SignedDigestDto) {
    if (body.keyId !== this.key.keyId)
      return { valid: false, keyId: body.keyId, problems: [{ kind: 'unknown_key' }] };
    const { date: _date, ...digest } = body;
    const problems = await verifySignedDigest(
      this.store.storage,
      { ...digest, heads: digest.heads.map((h) => ({ ...h })) },
      this.key.publicKey,
    );
    return { valid: problems.length === 0, keyId: body.keyId, problems };
  }

  private view(query: UnmaskQuery): AuditView {
    if (!query.unmask) return { kind: 'masked' };
    return {
      kind: 'unmasked',
      reason: query.reason ?? '',
      record: async (command) => {
        const accessId = uuidv7();
        await this.commands.execute(personalDataAccessDecider, {
          stream: accessStream(accessId),
          command: { type: 'RecordPersonalDataAccess', accessId, ...command },
          metadataFor: () => ({ subjectIds: command.subjectIds }),
        });
      },
    };
  }

  private async inputChecked<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof TimeTravelInputError)
        throw ProblemException.validation([{ field: error.field, reason: error.message }]);
      throw error;
    }
  }
}
