import {
  CustomerType,
  DirectoryErrorIndemnityAssessed,
  RegulatoryReference,
} from './directory.events';
import { DirectoryPolicy } from './directory.policy';

export type DirectoryIndemnity = Omit<
  DirectoryErrorIndemnityAssessed['data'],
  'errorId' | 'subjectId' | 'policyVersion'
>;

const euro = (cents: number) => `€${(cents / 100).toFixed(2)}`;
const pad = (n: number) => String(n).padStart(2, '0');

/** The same day n years later; 29 February falls back to the 28th in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${pad(m)}-${pad(m === 2 && d === 29 && !leap ? 28 : d)}`;
}

/** Every started year from `from` to `to` counts, at least one. */
export function startedYears(from: string, to: string): number {
  let years = 1;
  while (addYears(from, years) < to) years += 1;
  return years;
}

/** EXT-IND-6, EXT-IND-8: per started year of disruption, business lines ×4. */
export function regulatoryReference(
  policy: DirectoryPolicy,
  customerType: CustomerType,
  from: string,
  to: string,
  until: RegulatoryReference['until'],
): RegulatoryReference {
  const figures = policy.regulatory;
  const multiplier = customerType === 'business' ? figures.businessMultiplier : 1;
  const years = startedYears(from, to);
  return {
    rules: [...figures.rules],
    clause: figures.clause,
    from,
    to,
    until,
    years,
    proration: figures.proration,
    centsPerYear: figures.centsPerYear,
    multiplier,
    amountCents: years * figures.centsPerYear * multiplier,
  };
}

/** IND-3, DIR-4, DIR-6: the flat amount by customer type, independent of duration, with the
 * regulator's reference beside it (IND-12); nothing contractual where the policy sets none. */
export function assessDirectoryIndemnity(
  policy: DirectoryPolicy,
  customerType: CustomerType,
  reference: RegulatoryReference,
): DirectoryIndemnity {
  const flat = policy.indemnity.flatCents;
  const contractual = flat
    ? {
        rules: [...policy.indemnity.rules],
        clause: policy.indemnity.clause ?? '',
        flatCents: flat[customerType],
        amountCents: flat[customerType],
      }
    : null;
  const creditedCents = contractual?.amountCents ?? 0;
  return {
    indemnityType: 'DIRECTORY_ERROR',
    customerType,
    contractual,
    regulatoryReference: reference,
    creditedCents,
    currency: 'EUR',
    status: creditedCents > 0 ? 'due' : 'none',
    rules: [...new Set(['DIR-6', ...(contractual?.rules ?? []), ...reference.rules, 'IND-12'])],
    summary:
      (contractual
        ? `Flat ${euro(contractual.amountCents)} for a ${customerType} customer, whatever the duration`
        : `No contractual figure in ${policy.version}`) +
      `; regulatory reference ${euro(reference.amountCents)} (${reference.years} started year(s) × ` +
      `${euro(reference.centsPerYear)}${reference.multiplier > 1 ? ` × ${reference.multiplier}` : ''}, ` +
      `${reference.from} → ${reference.to}).`,
  };
}
