/** The folder the dashboard is built into (apps/web/dist). */
export const dashboardDir: string;
/** True when dist/ is missing or older than a source. */
export function dashboardIsStale(): boolean;
/** Builds the dashboard if it is stale (or always, with `force`); returns whether it did. */
export function buildDashboard(options?: { force?: boolean }): Promise<boolean>;
