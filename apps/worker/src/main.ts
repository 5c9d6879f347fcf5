import { startProcess } from '@sportello/platform';
import { WorkerModule } from './worker.module';

void startProcess('worker', (config) => WorkerModule.forRoot(config));
