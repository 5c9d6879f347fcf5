import { Provider } from '@nestjs/common';
import { CommandHandler, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { loadPolicyCatalog, policiesDirectory } from '@sportello/policies';
import { InvoiceNumbers } from '../application/invoice-numbers/invoice-numbers';
import {
  BILLING_POLICIES,
  CatalogBillingPolicies,
  legalInterestRates,
} from '../application/policies/billing-policies';

/** What the API and the worker both need: the policies and the invoice-number table. */
export const billingProviders: Provider[] = [
  {
    provide: BILLING_POLICIES,
    inject: [CommandHandler],
    useFactory: (handler: CommandHandler) =>
      new CatalogBillingPolicies(loadPolicyCatalog(policiesDirectory()), () =>
        legalInterestRates(handler),
      ),
  },
  {
    provide: InvoiceNumbers,
    inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
    useFactory: (db: SqlExecutor, c: PlatformConfig) => new InvoiceNumbers(db, c.database.schema),
  },
];
