import { DynamicModule, Module } from '@nestjs/common';
import { ApiFeaturesModule } from '../../api/src/api-features.module';
import { WorkerProcessorsModule } from '../../worker/src/worker-processors.module';
import { PlatformConfig, PlatformModule, PlatformOptions } from '@sportello/platform';

/** The API and the worker in one process: what `npm start` runs. */
@Module({})
export class SportelloModule {
  static forRoot(config: PlatformConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: SportelloModule,
      imports: [PlatformModule.forRoot(config, options), ApiFeaturesModule, WorkerProcessorsModule],
    };
  }
}
