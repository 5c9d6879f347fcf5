import { FoldedEvent } from '@sportello/decider';
import { OutageArea, OutageEvent, OutageForceMajeure, OutageKind } from './outage.events';

export type OutageState =
  | { status: 'none' }
  | {
      status: 'declared';
      outageId: string;
      operator: string;
      policyVersion: string;
      kind: OutageKind;
      area: OutageArea;
      startedAt: string;
      endedAt: string | null;
      forceMajeure: OutageForceMajeure | null;
      announcedResolutionDate: string | null;
      reasons: string[];
      declaredBy: string;
      faultIds: string[];
    };

export type DeclaredOutage = Exclude<OutageState, { status: 'none' }>;

export const initialOutageState = (): OutageState => ({ status: 'none' });

export function evolveOutage(state: OutageState, event: FoldedEvent<OutageEvent>): OutageState {
  if (event.type === 'OutageDeclared') {
    const { rule: _rule, clause: _clause, ...d } = event.data;
    return { status: 'declared', ...d, faultIds: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OutageFaultsLinked':
      return { ...state, faultIds: [...state.faultIds, ...event.data.faultIds] };
    case 'OutageUpdated':
      return {
        ...state,
        endedAt: event.data.endedAt,
        forceMajeure: event.data.forceMajeure,
        announcedResolutionDate: event.data.announcedResolutionDate,
      };
    default:
      return state;
  }
}
