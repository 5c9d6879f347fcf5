/**
 * What an auditor read in clear: a page of one stream, of the global log, a state as of, or
 * everything held about one data subject (the CLI export).
 */
export type AccessScope =
  | { kind: 'stream'; stream: string; fromRevision: number; toRevision: number }
  | { kind: 'log'; after: string | null; through: string }
  | { kind: 'as-of'; stream: string; at: string | null; revision: number }
  | { kind: 'subject-export'; subjectId: string };

/**
 * PRV-1: an auditor unmasked personal data. Recorded before the data is shown; it names the
 * data subjects (by id) so that each subject's export lists the access.
 */
export interface PersonalDataAccessedByAuditor {
  type: 'PersonalDataAccessedByAuditor';
  data: {
    accessId: string;
    auditorId: string;
    reason: string;
    scope: AccessScope;
    subjectIds: string[];
    eventIds: string[];
  };
}

export type PersonalDataAccessEvent = PersonalDataAccessedByAuditor;
