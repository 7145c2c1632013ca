/**
 * The restricted register of wanted persons and persons of interest (README, "Restricted register"): who is listed,
 * for how long, and when an entry's personal fields are blanked. Only the judicial police reads or writes it
 * (src/domain/role.ts), every read states its purpose, and nothing else in the application reads it.
 */

export const registerKinds = ['wanted', 'person_of_interest'] as const;
export type RegisterKind = (typeof registerKinds)[number];

export function isRegisterKind(value: string): value is RegisterKind {
  return (registerKinds as readonly string[]).includes(value);
}

/** How long a new entry stays valid. */
export const defaultValidityDays = 90;
/** The longest a renewal may extend an entry, counted from the renewal. */
export const maxRenewalDays = 180;
/** How long after an entry ended (lapsed or withdrawn) its personal fields are kept before the sweep blanks them. */
export const minimisationDays = 30;
/** The stated purpose of a read, in characters once trimmed. */
export const purposeLength = { min: 10, max: 500 } as const;

const dayMs = 86_400_000;

/** Why a stated purpose is not acceptable, or null when it is. */
export function purposeProblem(purpose: string | undefined): string | null {
  const length = purpose?.trim().length ?? 0;
  if (length < purposeLength.min) return `state the purpose of this read in at least ${purposeLength.min} characters`;
  if (length > purposeLength.max) return `the purpose is longer than ${purposeLength.max} characters`;
  return null;
}

/** When a new entry lapses: `defaultValidityDays` after its creation. */
export function initialExpiry(now: Date): Date {
  return new Date(now.getTime() + defaultValidityDays * dayMs);
}

/** When a renewed entry lapses: `days` (1 to `maxRenewalDays`) after the renewal, never after the renewal's reach. */
export function renewedExpiry(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > maxRenewalDays) {
    throw new RangeError(`invalid renewal; not a whole number of days in [1, ${maxRenewalDays}]: ${days}`);
  }
  return new Date(now.getTime() + days * dayMs);
}

/** What decides whether an entry is still in force. */
export interface EntryTimes {
  expiresAt: Date;
  withdrawnAt: Date | null;
}

/**
 * An entry is live until it lapses or is withdrawn. Only live entries are ever read, renewed or linked: a lapsed
 * or withdrawn one is, to every caller, an entry that does not exist; a lapsed entry cannot be renewed back.
 */
export function isLive(entry: EntryTimes, now: Date): boolean {
  return entry.withdrawnAt === null && entry.expiresAt.getTime() > now.getTime();
}

/** When an entry stopped being in force: its withdrawal, else its expiry (null while it is live). */
export function endedAt(entry: EntryTimes, now: Date): Date | null {
  if (isLive(entry, now)) return null;
  return entry.withdrawnAt ?? entry.expiresAt;
}

/** Whole days left before a live entry lapses, rounded up: 1 on its last day, 0 once lapsed. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / dayMs));
}

/** Entries that ended before this instant have their personal fields blanked by the sweep. */
export function minimisationCutoff(now: Date): Date {
  return new Date(now.getTime() - minimisationDays * dayMs);
}

/** Whether an ended entry's personal fields are due to be blanked. */
export function isDueForMinimisation(entry: EntryTimes, now: Date): boolean {
  const ended = endedAt(entry, now);
  return ended !== null && ended.getTime() <= minimisationCutoff(now).getTime();
}

/** An open case is one still being worked: recorded or under investigation, and not solved. */
export function isOpenCase(incident: { status: string; solvedAt: Date | null }): boolean {
  return incident.solvedAt === null && (incident.status === 'recorded' || incident.status === 'under_investigation');
}

/** Aliases as kept: trimmed, blanks dropped, each once (first spelling wins, case-insensitively). */
export function normaliseAliases(aliases: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const alias of aliases) {
    const trimmed = alias.trim().replace(/\s+/g, ' ');
    const key = trimmed.toLocaleLowerCase();
    if (trimmed === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(trimmed);
  }
  return kept;
}
