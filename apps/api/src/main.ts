import { startProcess } from '@sportello/platform';
import { ApiModule } from './api.module';

void startProcess('api', (config) => ApiModule.forRoot(config));
