import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsISO8601, Matches, MaxLength } from 'class-validator';
import { stacked } from './stacked';

export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = 'must be a date YYYY-MM-DD';
export const INSTANT = { strict: true, strictSeparator: true } as const;
export const WITH_ZONE = /(Z|[+-]\d{2}:\d{2})$/;
export const INSTANT_MESSAGE = 'must be an ISO 8601 instant with a time zone';
export const ZONE_MESSAGE = 'must carry a time zone (Z or ±hh:mm)';
export const OPERATOR = /^[A-Z][A-Z0-9_]{1,31}$/;
export const FISCAL_CODE = /^[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]$|^\d{11}$/;
export const VAT_NUMBER = /^\d{11}$/;
export const PHONE = /^\+?[0-9][0-9 ]{5,19}$/;

/** A calendar date, `YYYY-MM-DD`. */
export const IsCalendarDate = () => Matches(DATE, { message: DATE_MESSAGE });

/** An ISO 8601 instant; a filter may leave the zone out. */
export const IsInstant = () => IsISO8601(INSTANT, { message: INSTANT_MESSAGE });

/** An ISO 8601 instant that says its zone (`Z` or `±hh:mm`): what a command records. */
export const IsZonedInstant = () =>
  stacked(
    IsISO8601(INSTANT, { message: INSTANT_MESSAGE }),
    Matches(WITH_ZONE, { message: ZONE_MESSAGE }),
  );

/** `FASTWEB`, `PSA`…; `example` completes the message: "must be an operator code such as PSA". */
export const IsOperatorCode = (example?: string) =>
  Matches(OPERATOR, {
    message: example ? `must be an operator code such as ${example}` : 'must be an operator code',
  });

export const IsFiscalCode = () =>
  Matches(FISCAL_CODE, { message: 'must be a codice fiscale (16 characters, or 11 digits)' });

export const IsVatNumber = () =>
  Matches(VAT_NUMBER, { message: 'must be a Partita IVA (11 digits)' });

export const IsPhone = () =>
  Matches(PHONE, { message: 'must be a phone number (digits, spaces, optional +)' });

export const IsEmailAddress = () =>
  stacked(IsEmail({}, { message: 'must be an e-mail address' }), MaxLength(254));

/** `?flag=true` or `?flag=false`: a query string carries text, the DTO a boolean. */
export const IsBooleanQuery = () =>
  stacked(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: 'must be true or false' }),
  );
