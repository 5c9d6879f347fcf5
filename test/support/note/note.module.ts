import { Module, OnModuleInit } from '@nestjs/common';
import { EventSchemaRegistry } from '@sportello/eventstore';
import { Gate, NOTE_GATE } from '../gate';
import { NoteController } from './note.controller';
import { NOTE_SCHEMAS } from './note.decider';

/** Registered only by tests: never part of the real application. */
@Module({
  controllers: [NoteController],
  providers: [{ provide: NOTE_GATE, useFactory: () => new Gate() }],
  exports: [NOTE_GATE],
})
export class NoteTestModule implements OnModuleInit {
  constructor(private readonly registry: EventSchemaRegistry) {}

  onModuleInit(): void {
    this.registry.register(...NOTE_SCHEMAS);
  }
}
