import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  developmentSecretsPath,
  loadOrCreateDevelopmentSecrets,
  readDevelopmentSecrets,
} from './development-secrets';

describe('development secrets', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sportello-secrets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are generated once, readable only by their owner, and the same on every later start', () => {
    expect(readDevelopmentSecrets(dir)).toBeNull();
    const first = loadOrCreateDevelopmentSecrets(join(dir, 'data'));
    expect(Buffer.from(first.keyVaultMasterKey, 'base64')).toHaveLength(32);
    expect(first.authDevSecret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(developmentSecretsPath(join(dir, 'data'))).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDevelopmentSecrets(join(dir, 'data'))).toEqual(first);
  });
});
