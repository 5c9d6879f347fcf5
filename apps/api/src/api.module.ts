import { DynamicModule, Module } from '@nestjs/common';
import { PlatformConfig, PlatformModule, PlatformOptions } from '@sportello/platform';
import { ApiFeaturesModule } from './api-features.module';

/** The API process: HTTP commands and queries, no queue processors. */
@Module({})
export class ApiModule {
  static forRoot(config: PlatformConfig, options: PlatformOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config, options), ApiFeaturesModule],
    };
  }
}
