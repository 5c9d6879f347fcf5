import { AuditCatalog, auditEventSchemas } from '@sportello/audit';
import {
  BILLING_ACCOUNT_STREAM_PREFIX,
  billingAccountDecider,
  billingAccountsProjection,
  billingEventSchemas,
} from '@sportello/billing';
import {
  BILLING_INCIDENT_STREAM_PREFIX,
  BILLING_RECOVERY_STREAM_PREFIX,
  billingIncidentDecider,
  billingIncidentStreamSchemas,
  billingIncidentsProjection,
  billingRecoveryDecider,
} from '@sportello/billing-incidents';
import {
  complaintDecider,
  complaintEventSchemas,
  complaintsListProjection,
} from '@sportello/complaints';
import { EventSchemaRegistry } from '@sportello/eventstore';
import {
  faultDecider,
  faultsListProjection,
  faultStreamSchemas,
  outageDecider,
} from '@sportello/faults';

/**
 * What the ticket modules register in the running application, composed here for a CLI that
 * works on the database alone. A test compares it with the application's catalog.
 */
export function cliAuditCatalog(): AuditCatalog {
  return new AuditCatalog()
    .register({
      streams: [{ kind: 'complaint', streamPrefix: 'complaint-', decider: complaintDecider }],
      projections: [complaintsListProjection],
    })
    .register({
      streams: [
        { kind: 'fault', streamPrefix: 'fault-', decider: faultDecider },
        { kind: 'outage', streamPrefix: 'outage-', decider: outageDecider },
      ],
      projections: [faultsListProjection],
    })
    .register({
      streams: [
        {
          kind: 'billing-account',
          streamPrefix: BILLING_ACCOUNT_STREAM_PREFIX,
          decider: billingAccountDecider,
        },
      ],
      projections: [billingAccountsProjection],
    })
    .register({
      streams: [
        {
          kind: 'billing-incident',
          streamPrefix: BILLING_INCIDENT_STREAM_PREFIX,
          decider: billingIncidentDecider,
        },
        {
          kind: 'billing-recovery',
          streamPrefix: BILLING_RECOVERY_STREAM_PREFIX,
          decider: billingRecoveryDecider,
        },
      ],
      projections: [billingIncidentsProjection],
    });
}

/** The schemas, for upcasting what is read and for the access events the CLI records. */
export function cliSchemaRegistry(): EventSchemaRegistry {
  return new EventSchemaRegistry().register(
    ...Object.values(complaintEventSchemas),
    ...faultStreamSchemas,
    ...Object.values(billingEventSchemas),
    ...billingIncidentStreamSchemas,
    ...auditEventSchemas,
  );
}
