import { Inject, Injectable, Module } from '@nestjs/common';
import {
  EventSchemaRegistry,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { TicketBackground } from '@sportello/tickets';
import { maintenanceEventSchemas } from './maintenance.schemas';
import { createMaintenanceTables } from './maintenance.tables';
import { maintenanceWindowsProjection } from './read-models/maintenance-windows.projection';

/**
 * The maintenance windows' background work: their read model. No timer: the domain judges the
 * notice when a notice, a reschedule or the start is recorded (MNT-4), never by the clock alone.
 */
@Injectable()
export class MaintenanceWindowsBackground extends TicketBackground {
  constructor(
    registry: EventSchemaRegistry,
    store: SealingEventStore,
    metrics: MetricsService,
    @Inject(SQL_EXECUTOR) db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    super({
      name: MaintenanceWindowsBackground.name,
      registry,
      schemas: Object.values(maintenanceEventSchemas),
      db,
      schema: config.database.schema,
      createTables: createMaintenanceTables,
      store,
      projection: maintenanceWindowsProjection,
      metrics,
    });
  }
}

@Module({
  providers: [MaintenanceWindowsBackground],
  exports: [MaintenanceWindowsBackground],
})
export class MaintenanceWindowsWorkerModule {}
