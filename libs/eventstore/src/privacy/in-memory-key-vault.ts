import { randomBytes } from 'node:crypto';
import { SubjectErasedError, SubjectKeyVault } from './subject-key-vault';

export class InMemoryKeyVault implements SubjectKeyVault {
  private readonly keys = new Map<string, Buffer | null>();

  async keyFor(subjectId: string): Promise<Buffer> {
    const key = this.keys.get(subjectId);
    if (key === null) throw new SubjectErasedError(subjectId);
    if (key) return key;
    const created = randomBytes(32);
    this.keys.set(subjectId, created);
    return created;
  }

  async findKey(subjectId: string): Promise<Buffer | null> {
    return this.keys.get(subjectId) ?? null;
  }

  async destroy(subjectId: string): Promise<boolean> {
    const had = Boolean(this.keys.get(subjectId));
    this.keys.set(subjectId, null);
    return had;
  }

  async isDestroyed(subjectId: string): Promise<boolean> {
    return this.keys.get(subjectId) === null;
  }
}
