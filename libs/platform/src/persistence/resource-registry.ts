import { Injectable } from '@nestjs/common';

/**
 * Connections the platform opened, closed last and in reverse order by the shutdown sequence,
 * after HTTP requests and queue jobs in flight have finished with them.
 */
@Injectable()
export class ResourceRegistry {
  private readonly closers: { name: string; close: () => Promise<void> }[] = [];
  private closed = false;

  add(name: string, close: () => Promise<void>): void {
    this.closers.push({ name, close });
  }

  async closeAll(onError: (name: string, error: unknown) => void = () => undefined) {
    if (this.closed) return;
    this.closed = true;
    for (const { name, close } of this.closers.reverse()) {
      await close().catch((error: unknown) => onError(name, error));
    }
  }
}
