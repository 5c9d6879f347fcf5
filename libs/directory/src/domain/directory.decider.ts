import {
  ConflictingState,
  DecisionContext,
  Decider,
  NotFound,
  RuleViolation,
} from '@sportello/decider';
import { romeDateOf } from '@sportello/sla';
import {
  DecideDirectoryErrorAttribution,
  DirectoryCommand,
  RecordListingCorrection,
  ReportDirectoryError,
} from './directory.commands';
import {
  CUSTOMER_TYPES,
  DIRECTORY_MEDIA,
  DirectoryErrorKind,
  DirectoryEvent,
  Listing,
  ListingRequest,
  REPORT_CHANNELS,
} from './directory.events';
import { DirectoryPolicy } from './directory.policy';
import {
  DirectoryErrorState,
  ReportedDirectoryError,
  evolveDirectoryError,
  initialDirectoryErrorState,
} from './directory.state';
import { assessDirectoryIndemnity, regulatoryReference } from './directory-indemnity';

const ms = (instant: string) => Date.parse(instant);
const iso = (epochMs: number) => new Date(epochMs).toISOString();
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function instant(value: string, field: string): string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(ms(value)))
    throw new RuleViolation('DIR-6', `${field} must be an ISO instant with an offset`, { field });
  return iso(ms(value));
}

function calendarDate(value: string, field: string): string {
  const parsed = ms(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(parsed) || iso(parsed).slice(0, 10) !== value)
    throw new RuleViolation('DIR-6', `${field} must be a calendar date (YYYY-MM-DD)`, { field });
  return value;
}

function text(value: string | null | undefined, field: string, ruleId: string, what: string) {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw new RuleViolation(ruleId, what, { field });
  return trimmed;
}

function reported(state: DirectoryErrorState): ReportedDirectoryError {
  if (state.status === 'none') throw new NotFound('DirectoryError', 'requested');
  return state;
}

/** CAL-9: an error keeps the policy version in force when it was reported. */
function pinned(error: ReportedDirectoryError, policy: DirectoryPolicy): void {
  if (policy.version !== error.policyVersion)
    throw new ConflictingState(
      `The error is evaluated under policy ${error.policyVersion}, not ${policy.version}`,
      { policyVersion: error.policyVersion },
      'CAL-9',
    );
}

function listing(value: Listing, field: string): Listing {
  return {
    name: text(value?.name, `${field}.name`, 'DIR-6', 'A listing has a name'),
    number: text(value?.number, `${field}.number`, 'DIR-6', 'A listing has a number'),
    address: value.address?.trim() || null,
  };
}

/** DIR-1: publication only on an explicit request, or the previous operator's choice kept. */
function listingRequest(value: ListingRequest): ListingRequest {
  if (value?.publish === true) {
    if (value.basis !== 'customer_request' && value.basis !== 'previous_operator_choice')
      throw new RuleViolation(
        'DIR-1',
        'A listing is published only on an explicit request or the choice kept from the previous operator',
        { field: 'requested.basis' },
      );
    return {
      publish: true,
      basis: value.basis,
      listing: listing(value.listing, 'requested.listing'),
    };
  }
  if (
    value?.publish !== false ||
    !['customer_refused', 'no_form_returned', 'previous_operator_choice'].includes(value.basis)
  )
    throw new RuleViolation('DIR-1', 'The listing request says whether and why to publish', {
      field: 'requested',
    });
  return { publish: false, basis: value.basis };
}

const normalised = (field: keyof Listing, value: string | null | undefined) => {
  const v = (value ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  return field === 'number' ? v.replace(/[^\d+]/g, '') : v;
};

function classify(
  requested: ListingRequest,
  published: Listing | null,
): { errorKind: DirectoryErrorKind; wrongFields: string[] } {
  if (!requested.publish) {
    if (published === null)
      throw new RuleViolation('DIR-1', 'Not requested and not published: there is no error', {
        field: 'published',
      });
    return { errorKind: 'PUBLISHED_WITHOUT_REQUEST', wrongFields: [] };
  }
  if (published === null) return { errorKind: 'OMITTED', wrongFields: [] };
  const fields: (keyof Listing)[] = ['name', 'number', 'address'];
  const wrongFields = fields.filter(
    (f) => normalised(f, requested.listing[f]) !== normalised(f, published[f]),
  );
  if (wrongFields.length === 0)
    throw new RuleViolation('DIR-6', 'The published listing matches the request', {
      field: 'published',
    });
  return { errorKind: 'WRONG_DATA', wrongFields };
}

function reportError(
  command: ReportDirectoryError,
  state: DirectoryErrorState,
  { now }: DecisionContext,
): DirectoryEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This directory error was already reported', {
      status: state.status,
    });
  const reportedAt = instant(command.reportedAt, 'reportedAt');
  if (ms(reportedAt) > ms(now))
    throw new RuleViolation('DIR-6', 'reportedAt cannot be in the future', { field: 'reportedAt' });
  if (!CUSTOMER_TYPES.includes(command.customer?.customerType))
    throw new RuleViolation('IND-13', 'The customer type is residential or business', {
      field: 'customer.customerType',
    });
  if (!DIRECTORY_MEDIA.includes(command.medium))
    throw new RuleViolation('DIR-6', `medium is one of ${DIRECTORY_MEDIA}`, { field: 'medium' });
  if (!REPORT_CHANNELS.includes(command.channel))
    throw new RuleViolation('DIR-6', `channel is one of ${REPORT_CHANNELS}`, { field: 'channel' });
  const lineId = text(command.lineId, 'lineId', 'DIR-6', 'The listed line is required');
  const requested = listingRequest(command.requested);
  const published = command.published === null ? null : listing(command.published, 'published');
  const { errorKind, wrongFields } = classify(requested, published);
  const erroneousSince = calendarDate(command.erroneousSince, 'erroneousSince');
  const discoveredOn = calendarDate(command.discoveredOn, 'discoveredOn');
  if (discoveredOn < erroneousSince || discoveredOn > romeDateOf(now))
    throw new RuleViolation(
      'DIR-6',
      'The error is discovered after it took effect and not in the future',
      { field: 'discoveredOn' },
    );
  return [
    {
      type: 'DirectoryErrorReported',
      data: {
        errorId: command.errorId,
        reference: command.reference,
        operator: command.policy.operator,
        policyVersion: command.policy.version,
        customer: command.customer,
        lineId,
        medium: command.medium,
        requested,
        published,
        errorKind,
        wrongFields,
        erroneousSince,
        discoveredOn,
        reportedAt,
        channel: command.channel,
        rules: ['DIR-1', 'DIR-6'],
      },
    },
  ];
}

function decideAttribution(
  command: DecideDirectoryErrorAttribution,
  state: DirectoryErrorState,
  context: DecisionContext,
): DirectoryEvent[] {
  const error = reported(state);
  const { policy } = command;
  pinned(error, policy);
  if (error.attributable !== null)
    throw new ConflictingState('The attribution of this error was already decided', {
      attributable: error.attributable,
    });
  if (typeof command.attributable !== 'boolean')
    throw new RuleViolation('DIR-6', 'attributable is true or false', { field: 'attributable' });
  const reason = text(command.reason, 'reason', 'DIR-6', 'An attribution states its reason');
  const decided: DirectoryEvent = {
    type: 'DirectoryErrorAttributionDecided',
    data: {
      errorId: error.errorId,
      subjectId: error.subjectId,
      attributable: command.attributable,
      reason,
      decidedBy: context.actor.id,
      decidedAt: iso(ms(context.now)),
    },
  };
  if (!command.attributable) return [decided];
  // DIR-6: computed once, when attribution is confirmed; the reference runs to the correction.
  const reference = regulatoryReference(
    policy,
    error.customerType,
    error.erroneousSince,
    error.correctedOn ?? romeDateOf(context.now),
    error.correctedOn ? 'corrected' : 'assessed',
  );
  return [
    decided,
    {
      type: 'DirectoryErrorIndemnityAssessed',
      data: {
        errorId: error.errorId,
        subjectId: error.subjectId,
        policyVersion: error.policyVersion,
        ...assessDirectoryIndemnity(policy, error.customerType, reference),
      },
    },
  ];
}

function recordCorrection(
  command: RecordListingCorrection,
  state: DirectoryErrorState,
  context: DecisionContext,
): DirectoryEvent[] {
  const error = reported(state);
  pinned(error, command.policy);
  if (error.status === 'corrected')
    throw new ConflictingState('The listing was already corrected', {
      correctedOn: error.correctedOn,
    });
  const correctedOn = calendarDate(command.correctedOn, 'correctedOn');
  if (correctedOn < error.erroneousSince || correctedOn > romeDateOf(context.now))
    throw new RuleViolation('DIR-6', 'A correction follows the error and is not in the future', {
      field: 'correctedOn',
    });
  return [
    {
      type: 'DirectoryListingCorrected',
      data: {
        errorId: error.errorId,
        subjectId: error.subjectId,
        correctedOn,
        recordedBy: context.actor.id,
        regulatoryReference: error.assessed
          ? regulatoryReference(
              command.policy,
              error.customerType,
              error.erroneousSince,
              correctedOn,
              'corrected',
            )
          : null,
      },
    },
  ];
}

export const directoryDecider: Decider<DirectoryCommand, DirectoryEvent, DirectoryErrorState> = {
  initialState: initialDirectoryErrorState,
  evolve: evolveDirectoryError,
  // IND-12: the indemnity ledger's lines, appended by its reactor and by supervisors, change none
  // of the ticket's rules: an If-Match read before them still holds.
  annotations: ['IndemnityAssessed', 'IndemnityCredited', 'SupplementaryIndemnityDecided'],
  decide(command, state, context) {
    switch (command.type) {
      case 'ReportDirectoryError':
        return reportError(command, state, context);
      case 'DecideDirectoryErrorAttribution':
        return decideAttribution(command, state, context);
      case 'RecordListingCorrection':
        return recordCorrection(command, state, context);
    }
  },
};
