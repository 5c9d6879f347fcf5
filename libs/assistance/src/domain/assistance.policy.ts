/**
 * The figures of the ANASTASIS data-handling profile (RULES §4.10) that assistance rules read, as
 * data. A ticket pins the version in force when it was opened.
 */
export const PERSONAL_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'fiscalCode'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

export const CONTACT_CHANNELS = ['phone', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const PROBLEM_CATEGORIES = [
  'ONLINE_SERVICE',
  'DEVICE',
  'CONNECTIVITY',
  'E_INVOICE_TAX_CODE_MISMATCH',
  'OTHER',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

export interface AssistancePolicy {
  profile: string;
  /** e.g. `ANASTASIS@handling-v1`: stored on every event of the ticket. */
  version: string;
  /** `contact.channels`: how a customer may reach technical support. */
  contactChannels: ContactChannel[];
  /** `calls.recorded` (PRV-4): false = no call audio is ever stored. */
  callsRecorded: boolean;
  /** `data.collectable` (PRV-2): the identifying fields of the caller and of people involved. */
  collectable: PersonalField[];
  /** `impersonation.allowedWhen` (IMP-1): the problem categories impersonation may serve. */
  impersonationCategories: ProblemCategory[];
  /** `retention.ticketHistory` (PRV-6): an ISO 8601 period, or null while NOT STATED (AMB-29). */
  ticketHistoryRetention: string | null;
}
