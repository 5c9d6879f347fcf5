/** Per-data-subject data keys. Destroying a key is how personal data is erased (crypto-shredding). */
export interface SubjectKeyVault {
  /** The subject's key, created on first use. Refuses a subject whose key was destroyed. */
  keyFor(subjectId: string): Promise<Buffer>;
  /** The subject's key, or null when it never existed or was destroyed. */
  findKey(subjectId: string): Promise<Buffer | null>;
  /** Destroys the key for good; true when there was one. */
  destroy(subjectId: string): Promise<boolean>;
  /** Whether the subject's key was destroyed (as opposed to never created). */
  isDestroyed(subjectId: string): Promise<boolean>;
}

export const SUBJECT_KEY_VAULT = Symbol('SUBJECT_KEY_VAULT');

export class SubjectErasedError extends Error {
  constructor(readonly subjectId: string) {
    super(`Data subject ${subjectId} was erased; personal data cannot be stored for it again`);
    this.name = 'SubjectErasedError';
  }
}
