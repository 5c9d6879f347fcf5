import { AssistancePolicy } from '../domain/assistance.policy';

/** The ANASTASIS figures of `policies/assistance/ANASTASIS.json` (a spec keeps them equal). */
export const ANASTASIS: AssistancePolicy = {
  profile: 'ANASTASIS',
  version: 'ANASTASIS@handling-v1',
  contactChannels: ['phone', 'email'],
  callsRecorded: false,
  collectable: ['firstName', 'lastName', 'email', 'phone', 'fiscalCode'],
  impersonationCategories: ['ONLINE_SERVICE'],
  ticketHistoryRetention: null,
};
