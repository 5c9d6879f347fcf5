import { Inject, Injectable, Module } from '@nestjs/common';
import {
  EventSchemaRegistry,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { TicketBackground } from '@sportello/tickets';
import { directoryEventSchemas } from './directory.schemas';
import { createDirectoryTables } from './directory.tables';
import { directoryErrorsProjection } from './read-models/directory-errors.projection';

/** The directory errors' background work: their read model. No timer: the flat indemnity is
 * assessed when attribution is decided (DIR-6), never by the clock. */
@Injectable()
export class DirectoryErrorsBackground extends TicketBackground {
  constructor(
    registry: EventSchemaRegistry,
    store: SealingEventStore,
    metrics: MetricsService,
    @Inject(SQL_EXECUTOR) db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    super({
      name: DirectoryErrorsBackground.name,
      registry,
      schemas: Object.values(directoryEventSchemas),
      db,
      schema: config.database.schema,
      createTables: createDirectoryTables,
      store,
      projection: directoryErrorsProjection,
      metrics,
    });
  }
}

@Module({
  providers: [DirectoryErrorsBackground],
  exports: [DirectoryErrorsBackground],
})
export class DirectoryErrorsWorkerModule {}
