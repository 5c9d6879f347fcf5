import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig, PlatformModule, PlatformOptions } from '@sportello/platform';
import { WorkerProcessorsModule } from './worker-processors.module';

/** The worker process: queue processors and projections; serves only health and metrics. */
@Module({})
export class WorkerModule {
  static forRoot(config: PlatformConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config, options), WorkerProcessorsModule],
    };
  }
}
