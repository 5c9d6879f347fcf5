import { AccessScope } from './personal-data-access.events';

export interface RecordPersonalDataAccess {
  type: 'RecordPersonalDataAccess';
  accessId: string;
  reason: string;
  scope: AccessScope;
  /** The subjects whose personal fields are about to be shown (erased ones excluded). */
  subjectIds: string[];
  eventIds: string[];
}

export type PersonalDataAccessCommand = RecordPersonalDataAccess;
