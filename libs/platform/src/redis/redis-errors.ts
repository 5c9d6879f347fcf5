/**
 * ioredis failures that mean "Redis cannot be reached right now" (as opposed to a bad command):
 * the API answers 503 for them.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: string; message?: string };
  if (name === 'MaxRetriesPerRequestError') return true;
  return (
    typeof message === 'string' &&
    (message === 'Connection is closed.' ||
      message.startsWith("Stream isn't writeable and enableOfflineQueue options is false"))
  );
}
