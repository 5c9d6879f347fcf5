import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFound } from '@sportello/decider';
import { CommandHandler } from '@sportello/eventstore';
import {
  ApiProblems,
  CommandGateway,
  IfMatch,
  Revisioned,
  revisioned,
  Roles,
} from '@sportello/platform';
import { v7 as uuidv7 } from 'uuid';
import { Gate, NOTE_GATE } from '../gate';
import { noteDecider } from './note.decider';
import { AmendNoteDto, NoteCreatedDto, NoteDto, WriteNoteDto } from './note.dto';

const ETAG_HEADER = { ETag: { description: 'The note revision', schema: { type: 'string' } } };

@ApiTags('test notes')
@Controller('test-notes')
export class NoteController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly handler: CommandHandler,
    @Inject(NOTE_GATE) private readonly gate: Gate,
  ) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({ summary: 'Write a note' })
  @ApiCreatedResponse({ type: NoteCreatedDto, headers: ETAG_HEADER })
  @ApiProblems(400, 409)
  async write(@Body() body: WriteNoteDto): Promise<Revisioned<NoteCreatedDto>> {
    await this.gate.pass();
    const noteId = uuidv7();
    const result = await this.commands.execute(noteDecider, {
      stream: `testnote-${noteId}`,
      command: {
        type: 'WriteTestNote',
        noteId,
        authorSubjectId: body.authorSubjectId,
        authorName: body.authorName,
        text: body.text,
      },
    });
    return revisioned(
      { noteId, revision: result.revision! },
      result.revision,
      `/test-notes/${noteId}`,
    );
  }

  @Get(':id')
  @Roles('operator', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Read a note' })
  @ApiOkResponse({ type: NoteDto, headers: ETAG_HEADER })
  @ApiProblems(400, 404)
  async read(@Param('id', new ParseUUIDPipe()) id: string): Promise<Revisioned<NoteDto>> {
    const { state, revision } = await this.handler.load(noteDecider, `testnote-${id}`);
    if (state.status === 'none' || revision === null) throw new NotFound('Note', id);
    return revisioned(
      {
        noteId: id,
        status: state.status,
        authorName: state.authorName!,
        text: state.text!,
        amendments: state.amendments,
        revision,
      },
      revision,
    );
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Amend a note' })
  @ApiOkResponse({ type: NoteCreatedDto, headers: ETAG_HEADER })
  @ApiProblems(400, 404, 409, 412, 422)
  async amend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AmendNoteDto,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<Revisioned<NoteCreatedDto>> {
    const result = await this.commands.execute(noteDecider, {
      stream: `testnote-${id}`,
      command: { type: 'AmendTestNote', text: body.text },
      ifMatch,
    });
    return revisioned({ noteId: id, revision: result.revision! }, result.revision);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Archive a note' })
  @ApiOkResponse({ type: NoteCreatedDto, headers: ETAG_HEADER })
  @ApiProblems(400, 404, 412)
  async archive(
    @Param('id', new ParseUUIDPipe()) id: string,
    @IfMatch() ifMatch: number | undefined,
  ): Promise<Revisioned<NoteCreatedDto>> {
    const result = await this.commands.execute(noteDecider, {
      stream: `testnote-${id}`,
      command: { type: 'ArchiveTestNote' },
      ifMatch,
    });
    return revisioned({ noteId: id, revision: result.revision! }, result.revision);
  }

  @Post('explode')
  @Roles('operator')
  @ApiOperation({ summary: 'Fails with an internal error (tests the 500 problem)' })
  @ApiProblems(400)
  explode(): never {
    throw new Error('internal detail: connection string postgres://admin:hunter2@db');
  }
}
