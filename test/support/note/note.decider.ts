import { ConflictingState, Decider, NotFound, RuleViolation } from '@sportello/decider';
import { EventSchema } from '@sportello/eventstore';

/**
 * A tiny test-only feature on the real event store: a note written by a data subject, whose
 * name and text are personal data. It proves the platform's generic mechanisms end to end.
 */
export type NoteEvent =
  | {
      type: 'TestNoteWritten';
      data: { noteId: string; authorSubjectId: string; authorName: string; text: string };
    }
  | { type: 'TestNoteAmended'; data: { authorSubjectId: string; text: string } }
  | { type: 'TestNoteArchived'; data: Record<string, never> };

export type NoteCommand =
  | {
      type: 'WriteTestNote';
      noteId: string;
      authorSubjectId: string;
      authorName: string;
      text: string;
    }
  | { type: 'AmendTestNote'; text: string }
  | { type: 'ArchiveTestNote' };

export interface NoteState {
  status: 'none' | 'open' | 'archived';
  noteId: string | null;
  authorSubjectId: string | null;
  authorName: string | null;
  text: string | null;
  amendments: number;
  writtenBy: string | null;
}

export const NOTE_SCHEMAS: EventSchema[] = [
  {
    type: 'TestNoteWritten',
    version: 1,
    personal: [{ subject: 'authorSubjectId', fields: ['authorName', 'text'] }],
  },
  {
    type: 'TestNoteAmended',
    version: 1,
    personal: [{ subject: 'authorSubjectId', fields: ['text'] }],
  },
  { type: 'TestNoteArchived', version: 1 },
];

export const MAX_AMENDMENTS = 2;

export const noteDecider: Decider<NoteCommand, NoteEvent, NoteState> = {
  initialState: () => ({
    status: 'none',
    noteId: null,
    authorSubjectId: null,
    authorName: null,
    text: null,
    amendments: 0,
    writtenBy: null,
  }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'TestNoteWritten':
        return {
          ...state,
          status: 'open',
          noteId: event.data.noteId,
          authorSubjectId: event.data.authorSubjectId,
          authorName: event.data.authorName,
          text: event.data.text,
          writtenBy: event.metadata?.actor.id ?? null,
        };
      case 'TestNoteAmended':
        return { ...state, text: event.data.text, amendments: state.amendments + 1 };
      case 'TestNoteArchived':
        return { ...state, status: 'archived' };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'WriteTestNote':
        if (state.status !== 'none') throw new ConflictingState('The note already exists');
        return [
          {
            type: 'TestNoteWritten',
            data: {
              noteId: command.noteId,
              authorSubjectId: command.authorSubjectId,
              authorName: command.authorName,
              text: command.text,
            },
          },
        ];
      case 'AmendTestNote':
        if (state.status === 'none') throw new NotFound('Note', 'requested');
        if (state.status === 'archived')
          throw new ConflictingState('An archived note cannot change');
        if (state.amendments >= MAX_AMENDMENTS)
          throw new RuleViolation(
            'NOTE-1',
            `A note may be amended at most ${MAX_AMENDMENTS} times`,
            {
              maxAmendments: MAX_AMENDMENTS,
            },
          );
        return [
          {
            type: 'TestNoteAmended',
            data: { authorSubjectId: state.authorSubjectId!, text: command.text },
          },
        ];
      case 'ArchiveTestNote':
        if (state.status === 'none') throw new NotFound('Note', 'requested');
        return state.status === 'archived' ? [] : [{ type: 'TestNoteArchived', data: {} }];
    }
  },
};
