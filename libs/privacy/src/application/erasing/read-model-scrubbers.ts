/**
 * A read model that holds something about a subject beyond its id registers here; erasure
 * scrubs it (PRV-13). Sportello's read models hold ids only by design, so the list is short.
 */
export interface ReadModelScrubber {
  readonly name: string;
  /** Removes or blanks what the read model holds about the subject; idempotent. */
  scrub(subjectId: string): Promise<void>;
}

export class ReadModelScrubbers {
  private readonly scrubbers: ReadModelScrubber[] = [];

  register(scrubber: ReadModelScrubber): void {
    if (!this.scrubbers.some((s) => s.name === scrubber.name)) this.scrubbers.push(scrubber);
  }

  async scrub(subjectId: string): Promise<string[]> {
    for (const scrubber of this.scrubbers) await scrubber.scrub(subjectId);
    return this.scrubbers.map((s) => s.name);
  }
}
