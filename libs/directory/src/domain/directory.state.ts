import { FoldedEvent } from '@sportello/decider';
import { CustomerType, DirectoryEvent } from './directory.events';

export type DirectoryErrorState =
  | { status: 'none' }
  | {
      status: 'open' | 'corrected';
      errorId: string;
      reference: string;
      operator: string;
      policyVersion: string;
      subjectId: string;
      customerType: CustomerType;
      erroneousSince: string;
      reportedAt: string;
      correctedOn: string | null;
      attributable: boolean | null;
      /** IND-3: assessed once per error. */
      assessed: boolean;
    };

export type ReportedDirectoryError = Exclude<DirectoryErrorState, { status: 'none' }>;

export const initialDirectoryErrorState = (): DirectoryErrorState => ({ status: 'none' });

export function evolveDirectoryError(
  state: DirectoryErrorState,
  event: FoldedEvent<DirectoryEvent>,
): DirectoryErrorState {
  if (event.type === 'DirectoryErrorReported') {
    const d = event.data;
    return {
      status: 'open',
      errorId: d.errorId,
      reference: d.reference,
      operator: d.operator,
      policyVersion: d.policyVersion,
      subjectId: d.customer.subjectId,
      customerType: d.customer.customerType,
      erroneousSince: d.erroneousSince,
      reportedAt: d.reportedAt,
      correctedOn: null,
      attributable: null,
      assessed: false,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'DirectoryErrorAttributionDecided':
      return { ...state, attributable: event.data.attributable };
    case 'DirectoryErrorIndemnityAssessed':
      return { ...state, assessed: true };
    case 'DirectoryListingCorrected':
      return { ...state, status: 'corrected', correctedOn: event.data.correctedOn };
    default:
      // Events other modules append (e.g. the indemnity ledger's) change nothing here.
      return state;
  }
}
