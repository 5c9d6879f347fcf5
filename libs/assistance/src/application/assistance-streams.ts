/** Stream names carry ids only (never personal data). */
export const assistanceStream = (ticketId: string) => `assistance-${ticketId}`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ASSISTANCE_STREAM = new RegExp(`^assistance-(${UUID})$`);

export function ticketIdOfStream(stream: string): string | null {
  return ASSISTANCE_STREAM.exec(stream)?.[1] ?? null;
}
