import { Logger, Module } from '@nestjs/common';
import {
  AssistanceProfiles,
  assistanceProfilesDirectory,
  loadAssistanceProfiles,
} from './assistance-profiles';

/** The assistance profiles, loaded and validated once per process; a bad file stops the start. */
@Module({
  providers: [
    {
      provide: AssistanceProfiles,
      useFactory: () => {
        const profiles = loadAssistanceProfiles(assistanceProfilesDirectory());
        for (const warning of profiles.warnings) new Logger('AssistanceProfiles').warn(warning);
        return profiles;
      },
    },
  ],
  exports: [AssistanceProfiles],
})
export class AssistanceProfilesModule {}
