import { Module } from '@nestjs/common';
import { ComplaintsWorkerModule } from '@sportello/complaints';
import { MaintenanceModule } from '@sportello/platform';

/**
 * The background work of Sportello: BullMQ processors and, as features arrive, projection
 * runners. Each feature's worker module is imported here.
 */
@Module({ imports: [MaintenanceModule, ComplaintsWorkerModule] })
export class WorkerProcessorsModule {}
