import { createHash } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  StreamableFile,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@sportello/clock';
import { NotFound } from '@sportello/decider';
import { ApiProblems, ProblemException, Roles } from '@sportello/platform';
import { PrivacyCommands } from '../application/commands/privacy-commands';
import { SubjectErasure } from '../application/erasing/subject-erasure';
import { renderExportPdf } from '../application/exporting/export-pdf';
import { SubjectExport } from '../application/exporting/subject-export';
import { SubjectExporter } from '../application/exporting/subject-exporter';
import { SubjectRectification } from '../application/rectifying/subject-rectification';
import { Retention } from '../application/retention/retention';
import { SubjectRegistry } from '../registry/subject-registry';
import {
  ErasureRequestParams,
  ExportParams,
  FindSubjectDto,
  PrivacyRequestDto,
  RectificationDto,
  RequestCreatedDto,
  SubjectIdParam,
} from './privacy.dto';

const REQUEST = { kind: 'request' } as const;

/**
 * The privacy officer's desk (issue 8; PRV-7…PRV-13): find a data subject by identifier, export
 * everything held about them, erase them by crypto-shredding, correct their data, run retention.
 */
@ApiTags('privacy')
@Controller('v1/privacy')
export class PrivacyHttpController {
  constructor(
    private readonly registry: SubjectRegistry,
    private readonly commands: PrivacyCommands,
    private readonly exporter: SubjectExporter,
    private readonly erasure: SubjectErasure,
    private readonly rectification: SubjectRectification,
    private readonly retention: Retention,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('subjects/search')
  @HttpCode(200)
  @Roles('privacy_officer')
  @ApiOperation({
    summary: 'Find data subjects by codice fiscale, Partita IVA, phone or e-mail',
    description:
      'The identifiers travel in the body (never in the address) and are compared as keyed hashes: none is stored in clear.',
  })
  @ApiProblems(400)
  async find(@Body() body: FindSubjectDto) {
    if (!body.fiscalCode && !body.vatNumber && !body.phone && !body.email)
      throw ProblemException.of('validation-failed', 'Give at least one identifier to search by');
    const found = await this.registry.findSubjects(body);
    return {
      subjects: await Promise.all(
        found.map(async (s) => {
          const { state } = await this.commands.load(s.subjectId);
          return { ...s, status: state.erased ? 'erased' : 'active' };
        }),
      ),
    };
  }

  @Get('subjects/:subjectId')
  @Roles('privacy_officer')
  @ApiOperation({
    summary: "A data subject's streams, legal holds and privacy requests (no personal data)",
  })
  @ApiProblems(400, 404)
  async subject(@Param() { subjectId }: SubjectIdParam) {
    await this.known(subjectId);
    const [{ state }, { facts, holds }, identifiers] = await Promise.all([
      this.commands.load(subjectId),
      this.erasure.review(subjectId),
      this.registry.kindsOf(subjectId),
    ]);
    return {
      subjectId,
      status: state.erased ? 'erased' : 'active',
      erasure: state.erased,
      identifiersIndexed: identifiers,
      streams: facts.map(({ lastAt: _, ...f }) => f),
      legalHolds: holds,
      erasureRequests: state.erasureRequests,
      exports: state.exports,
      rectifications: state.rectifications.map((r) => ({
        rectificationId: r.rectificationId,
        field: r.field,
        at: r.at,
      })),
    };
  }

  @Get('subjects/:subjectId/legal-holds')
  @Roles('privacy_officer')
  @ApiOperation({ summary: 'The legal holds that would refuse an erasure now (PRV-10)' })
  @ApiProblems(400, 404)
  async holds(@Param() { subjectId }: SubjectIdParam) {
    await this.known(subjectId);
    return { holds: (await this.erasure.review(subjectId)).holds };
  }

  @Post('subjects/:subjectId/exports')
  @Roles('privacy_officer')
  @ApiOperation({
    summary: 'Register an access or portability request (PRV-9); the export is then downloaded',
  })
  @ApiCreatedResponse({ type: RequestCreatedDto })
  @ApiProblems(400, 404, 422)
  async requestExport(@Param() { subjectId }: SubjectIdParam, @Body() body: PrivacyRequestDto) {
    await this.known(subjectId);
    const { state } = await this.commands.load(subjectId);
    const exportId = uuidv7();
    const result = await this.commands.run(
      subjectId,
      {
        type: 'RequestExport',
        exportId,
        subjectId,
        channel: body.channel,
        receivedAt: body.receivedAt ?? this.clock.now().toISOString(),
        // An erased subject has no key left to seal a reference with.
        reference: state.erased ? null : (body.reference ?? null),
      },
      REQUEST,
    );
    const made = result.state.exports.find((e) => e.exportId === exportId)!;
    return {
      id: exportId,
      dueOn: made.dueOn,
      json: `/v1/privacy/subjects/${subjectId}/exports/${exportId}`,
      pdf: `/v1/privacy/subjects/${subjectId}/exports/${exportId}/pdf`,
    };
  }

  @Get('subjects/:subjectId/exports/:exportId')
  @Roles('privacy_officer')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Deliver the export as JSON (machine-readable); the delivery is recorded',
    description:
      'Everything held about the subject across tickets, events, read models and notes, with purposes, recipients, retention, legal holds and every access by an operator. Built afresh on each delivery: nothing is kept.',
  })
  @ApiProblems(400, 404)
  async exportJson(@Param() { subjectId, exportId }: ExportParams): Promise<SubjectExport> {
    const doc = await this.build(subjectId, exportId);
    await this.delivered(doc, 'json', Buffer.from(JSON.stringify(doc)));
    return doc;
  }

  @Get('subjects/:subjectId/exports/:exportId/pdf')
  @Roles('privacy_officer')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Deliver the export as PDF (human-readable); the delivery is recorded' })
  @ApiProblems(400, 404)
  async exportPdf(@Param() { subjectId, exportId }: ExportParams): Promise<StreamableFile> {
    const doc = await this.build(subjectId, exportId);
    const pdf = await renderExportPdf(doc);
    await this.delivered(doc, 'pdf', pdf);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="export-${exportId}.pdf"`,
    });
  }

  @Post('subjects/:subjectId/erasure-requests')
  @Roles('privacy_officer')
  @ApiOperation({
    summary: 'Register an erasure request received by any channel (PRV-7)',
    description: 'Returns the request id, its due date and the legal holds that apply today.',
  })
  @ApiCreatedResponse({ type: RequestCreatedDto })
  @ApiProblems(400, 404, 409, 422)
  async requestErasure(@Param() { subjectId }: SubjectIdParam, @Body() body: PrivacyRequestDto) {
    await this.known(subjectId);
    const { requestId, dueOn } = await this.erasure.request(
      subjectId,
      {
        channel: body.channel,
        receivedAt: body.receivedAt ?? this.clock.now().toISOString(),
        reference: body.reference ?? null,
      },
      REQUEST,
    );
    return { id: requestId, dueOn, legalHolds: (await this.erasure.review(subjectId)).holds };
  }

  @Post('subjects/:subjectId/erasure-requests/:requestId/execution')
  @HttpCode(200)
  @Roles('privacy_officer')
  @ApiOperation({
    summary: 'Execute an erasure: refused with the reasons while a legal hold applies (PRV-10)',
    description:
      "Destroys the subject's key, forgets its identifiers and scrubs the read models; records SubjectErased (PRV-13).",
  })
  @ApiProblems(400, 404, 409)
  async executeErasure(@Param() { subjectId, requestId }: ErasureRequestParams) {
    return { status: 'erased', ...(await this.erasure.execute(subjectId, requestId, REQUEST)) };
  }

  @Post('subjects/:subjectId/rectifications')
  @Roles('privacy_officer')
  @ApiOperation({
    summary: "Correct a subject's data (PRV-9): the old value is never shown again but to auditors",
  })
  @ApiProblems(400, 404, 409, 422)
  rectify(@Param() { subjectId }: SubjectIdParam, @Body() body: RectificationDto) {
    return this.rectification.rectify(
      subjectId,
      { field: body.field, value: body.value, reason: body.reason ?? null },
      REQUEST,
    );
  }

  @Get('retention/review')
  @Roles('privacy_officer')
  @ApiOperation({
    summary: 'Retention dry run: the subjects retention would erase now, and those held (PRV-6)',
  })
  review() {
    return this.retention.review();
  }

  @Post('retention/runs')
  @HttpCode(200)
  @Roles('privacy_officer')
  @ApiOperation({ summary: 'Run retention now (it also runs nightly in the worker)' })
  run() {
    return this.retention.run(REQUEST);
  }

  private async known(subjectId: string): Promise<void> {
    if (!(await this.exporter.exists(subjectId))) throw new NotFound('Data subject', subjectId);
  }

  private async build(subjectId: string, exportId: string): Promise<SubjectExport> {
    const { state } = await this.commands.load(subjectId);
    if (!state.exports.some((e) => e.exportId === exportId)) throw new NotFound('Export', exportId);
    return this.exporter.export(subjectId, { exportId, audience: 'data_subject' });
  }

  private async delivered(doc: SubjectExport, format: 'json' | 'pdf', bytes: Buffer) {
    await this.commands.run(
      doc.subjectId,
      {
        type: 'DeliverExport',
        exportId: doc.exportId!,
        format,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        streams: doc.counts.streams,
        events: doc.counts.events,
        erased: doc.status === 'erased',
      },
      REQUEST,
    );
  }
}
