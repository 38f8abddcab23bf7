export const BUDGET_BYTES: number;
export function firstLoadScripts(): Array<{ path: string; bytes: number; gzipped: number }>;
