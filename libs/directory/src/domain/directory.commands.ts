import {
  DirectoryCustomer,
  DirectoryMedium,
  Listing,
  ListingRequest,
  ReportChannel,
} from './directory.events';
import { DirectoryPolicy } from './directory.policy';

export type ReportDirectoryError = {
  type: 'ReportDirectoryError';
  errorId: string;
  /** The error's reference, e.g. `DE-2026-7K4M9QX2`. */
  reference: string;
  policy: DirectoryPolicy;
  customer: DirectoryCustomer;
  lineId: string;
  medium: DirectoryMedium;
  requested: ListingRequest;
  published: Listing | null;
  /** The day the wrong (or missing) entry took effect, e.g. the directory's publication. */
  erroneousSince: string;
  discoveredOn: string;
  reportedAt: string;
  channel: ReportChannel;
};

export type DecideDirectoryErrorAttribution = {
  type: 'DecideDirectoryErrorAttribution';
  policy: DirectoryPolicy;
  attributable: boolean;
  reason: string;
};

export type RecordListingCorrection = {
  type: 'RecordListingCorrection';
  policy: DirectoryPolicy;
  correctedOn: string;
};

export type DirectoryCommand =
  ReportDirectoryError | DecideDirectoryErrorAttribution | RecordListingCorrection;
