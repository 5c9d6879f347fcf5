/** Stream names carry ids only (never personal data). */
export const maintenanceWindowStream = (windowId: string) => `maintenance-window-${windowId}`;

export const isMaintenanceWindowStream = (stream: string) =>
  stream.startsWith('maintenance-window-');
