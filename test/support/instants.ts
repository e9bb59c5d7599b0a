/**
 * Instants for the core's tests: the core makes no Date (it reads no clock), so its
 * tests build the instants they hand it here.
 */
export const instant = (iso: string): Date => new Date(iso);
/** The instant `ms` milliseconds after 1970-01-01T00:00Z. */
export const instantAt = (ms: number): Date => new Date(ms);
export const msOf = (iso: string): number => Date.parse(iso);
