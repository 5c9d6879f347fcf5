/** Stream names carry ids only (never personal data). */
export const faultStream = (faultId: string) => `fault-${faultId}`;
export const outageStream = (outageId: string) => `outage-${outageId}`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FAULT_STREAM = new RegExp(`^fault-(${UUID})$`);

export function faultIdOfStream(stream: string): string | null {
  return FAULT_STREAM.exec(stream)?.[1] ?? null;
}

export const isOutageStream = (stream: string) => stream.startsWith('outage-');
