import { startProcess } from '@sportello/platform';
import { SportelloModule } from './sportello.module';

void startProcess('sportello', (config) => SportelloModule.forRoot(config));
