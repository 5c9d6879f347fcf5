import {
  activationDecider,
  activationEventSchemas,
  activationsListProjection,
} from '@sportello/activations';
import {
  assistanceDecider,
  assistanceEventSchemas,
  assistanceTicketsProjection,
} from '@sportello/assistance';
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
import {
  directoryDecider,
  directoryErrorsProjection,
  directoryEventSchemas,
} from '@sportello/directory';
import { EventSchemaRegistry } from '@sportello/eventstore';
import {
  faultDecider,
  faultsListProjection,
  faultStreamSchemas,
  outageDecider,
} from '@sportello/faults';
import { indemnityEventSchemas, indemnityLedgerProjection } from '@sportello/indemnities';
import {
  maintenanceDecider,
  maintenanceEventSchemas,
  maintenanceWindowsProjection,
} from '@sportello/maintenance';
import { qualityFactsProjection } from '@sportello/quality';

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
    })
    .register({
      streams: [{ kind: 'activation', streamPrefix: 'activation-', decider: activationDecider }],
      projections: [activationsListProjection],
    })
    .register({
      streams: [
        {
          kind: 'maintenance-window',
          streamPrefix: 'maintenance-window-',
          decider: maintenanceDecider,
        },
      ],
      projections: [maintenanceWindowsProjection],
    })
    .register({
      streams: [
        { kind: 'directory-error', streamPrefix: 'directory-error-', decider: directoryDecider },
      ],
      projections: [directoryErrorsProjection],
    })
    .register({
      streams: [{ kind: 'assistance', streamPrefix: 'assistance-', decider: assistanceDecider }],
      projections: [assistanceTicketsProjection],
    })
    .register({ projections: [indemnityLedgerProjection, qualityFactsProjection] });
}

/** The schemas, for upcasting what is read and for the access events the CLI records. */
export function cliSchemaRegistry(): EventSchemaRegistry {
  return new EventSchemaRegistry().register(
    ...Object.values(complaintEventSchemas),
    ...faultStreamSchemas,
    ...Object.values(billingEventSchemas),
    ...billingIncidentStreamSchemas,
    ...Object.values(activationEventSchemas),
    ...Object.values(maintenanceEventSchemas),
    ...Object.values(directoryEventSchemas),
    ...Object.values(assistanceEventSchemas),
    ...Object.values(indemnityEventSchemas),
    ...auditEventSchemas,
  );
}
