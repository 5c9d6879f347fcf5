/** Stream names carry ids only (never personal data). */
export const directoryErrorStream = (errorId: string) => `directory-error-${errorId}`;
