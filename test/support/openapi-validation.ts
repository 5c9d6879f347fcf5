import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** `valid`, or `invalid: <why>` from swagger-parser, run in a plain Node child process. */
export function validateOpenApi(document: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'validate-openapi.js')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(output.trim()));
    child.stdin.end(JSON.stringify(document));
  });
}
