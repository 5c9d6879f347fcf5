/** Stream names carry ids only (never personal data). */
export const activationStream = (activationId: string) => `activation-${activationId}`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ACTIVATION_STREAM = new RegExp(`^activation-(${UUID})$`);

export function activationIdOfStream(stream: string): string | null {
  return ACTIVATION_STREAM.exec(stream)?.[1] ?? null;
}
