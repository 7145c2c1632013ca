import type { CategoryCode } from './category.js';
import type { Actor, Denial } from './plan.js';
import { hasPermission, scopeCovers, type AreaPath } from './role.js';

/**
 * Citizen reports and tips (README: Citizen reports (Open311)): what a citizen may report, the life of a report
 * in the triage queue, its public code, and who may act on it.
 */

/** `report`: a problem to act on; `tip`: information for the police, which may have no place. */
export const reportKinds = ['report', 'tip'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const reportStatuses = ['open', 'acknowledged', 'in_progress', 'closed', 'rejected', 'merged'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** Statuses an officer may set by hand; `merged` comes with a merge, `in_progress` also with an incident. */
export const settableStatuses = ['open', 'acknowledged', 'in_progress', 'closed', 'rejected'] as const;
export type SettableStatus = (typeof settableStatuses)[number];

/** Open311 knows two statuses: a report is open until it is closed, rejected or merged into another. */
export function open311Status(status: ReportStatus): 'open' | 'closed' {
  return status === 'closed' || status === 'rejected' || status === 'merged' ? 'closed' : 'open';
}

export type Locale = 'ar' | 'fr' | 'en';

export interface Service {
  code: string;
  group: 'crime' | 'nuisance' | 'information';
  /** The category an incident made from such a report starts with; the officer may choose another. */
  category: CategoryCode;
  keywords: readonly string[];
  name: Record<Locale, string>;
  description: Record<Locale, string>;
}

/** The services a citizen may report to (Open311 `services.json`). */
export const services: readonly Service[] = [
  {
    code: 'theft',
    group: 'crime',
    category: 'theft',
    keywords: ['theft', 'pickpocket', 'vol', 'سرقة'],
    name: { ar: 'سرقة', fr: 'Vol', en: 'Theft' },
    description: {
      ar: 'سرقة شيء أو محاولة سرقته، دون اقتحام مكان.',
      fr: 'Un objet volé ou une tentative de vol, sans effraction.',
      en: 'Something stolen, or an attempt, without breaking in.',
    },
  },
  {
    code: 'burglary',
    group: 'crime',
    category: 'burglary',
    keywords: ['burglary', 'break-in', 'cambriolage', 'سطو'],
    name: { ar: 'سطو على مسكن أو محل', fr: 'Cambriolage', en: 'Burglary' },
    description: {
      ar: 'اقتحام مسكن أو محل أو محاولة اقتحامه.',
      fr: 'Un logement ou un local forcé, ou une tentative.',
      en: 'A home or premises broken into, or an attempt.',
    },
  },
  {
    code: 'violence',
    group: 'crime',
    category: 'assault_minor',
    keywords: ['assault', 'fight', 'agression', 'عنف'],
    name: { ar: 'عنف أو اعتداء', fr: 'Violence ou agression', en: 'Violence or assault' },
    description: {
      ar: 'اعتداء أو شجار أو تهديد. في حالة الخطر اتصل بالرقم 19.',
      fr: 'Une agression, une bagarre ou des menaces. En cas de danger, appelez le 19.',
      en: 'An assault, a fight or threats. In danger, call 19.',
    },
  },
  {
    code: 'vandalism',
    group: 'crime',
    category: 'property_damage',
    keywords: ['vandalism', 'damage', 'dégradation', 'تخريب'],
    name: { ar: 'تخريب', fr: 'Dégradation', en: 'Vandalism' },
    description: {
      ar: 'إتلاف ممتلكات عامة أو خاصة.',
      fr: 'Des biens publics ou privés abîmés.',
      en: 'Public or private property damaged.',
    },
  },
  {
    code: 'drugs',
    group: 'crime',
    category: 'drug_trafficking',
    keywords: ['drugs', 'dealing', 'drogue', 'مخدرات'],
    name: { ar: 'مخدرات', fr: 'Stupéfiants', en: 'Drugs' },
    description: {
      ar: 'بيع المخدرات أو تعاطيها في مكان عام.',
      fr: 'Vente ou consommation de stupéfiants dans un lieu public.',
      en: 'Drugs sold or used in a public place.',
    },
  },
  {
    code: 'public-order',
    group: 'nuisance',
    category: 'public_order',
    keywords: ['nuisance', 'noise', 'tapage', 'إزعاج'],
    name: { ar: 'إخلال بالنظام العام', fr: 'Trouble à l’ordre public', en: 'Public order and nuisance' },
    description: {
      ar: 'ضوضاء أو تجمعات مزعجة أو سلوك يخل بالسكينة.',
      fr: 'Bruit, attroupements ou comportements qui troublent la tranquillité.',
      en: 'Noise, gatherings or behaviour that disturbs the peace.',
    },
  },
  {
    code: 'suspicious-activity',
    group: 'information',
    category: 'other',
    keywords: ['suspicious', 'suspect', 'مشبوه'],
    name: { ar: 'نشاط مشبوه', fr: 'Activité suspecte', en: 'Suspicious activity' },
    description: {
      ar: 'شخص أو مركبة أو نشاط يثير الشك.',
      fr: 'Une personne, un véhicule ou une activité qui paraît suspecte.',
      en: 'A person, vehicle or activity that looks suspicious.',
    },
  },
  {
    code: 'other',
    group: 'information',
    category: 'other',
    keywords: ['other', 'autre', 'أخرى'],
    name: { ar: 'أمر آخر', fr: 'Autre', en: 'Other' },
    description: {
      ar: 'ما لا يندرج في الأصناف الأخرى.',
      fr: 'Ce qui ne relève d’aucun autre service.',
      en: 'Anything that fits no other service.',
    },
  },
];

export const serviceCodes = services.map((s) => s.code);

export function findService(code: string): Service | undefined {
  return services.find((s) => s.code === code);
}

/**
 * Public codes: 10 characters from 31 without look-alikes (no 0/O, 1/I/L): about 49 bits, so a code cannot be found
 * by trying, least of all at the rate limit.
 */
export const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const codeLength = 10;

/**
 * A public code from random bytes (at least `codeLength`). The alphabet has 31 letters, so each byte is reduced by
 * rejection: bytes at or above 248 (the largest multiple of 31 under 256) are skipped.
 */
export function reportCode(randomBytes: Uint8Array): string | null {
  let code = '';
  for (const byte of randomBytes) {
    if (byte >= 248) continue;
    code += codeAlphabet[byte % codeAlphabet.length];
    if (code.length === codeLength) return code;
  }
  return null;
}

export const isReportCode = (value: string) => new RegExp(`^[${codeAlphabet}]{${codeLength}}$`).test(value);

export const maxDescriptionLength = 2000;
export const maxNoteLength = 2000;

/** C0 and C1 controls other than tab, line feed and carriage return; and the bidirectional overrides. */
const refusedCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Free text from a citizen, NFC-normalised and trimmed, or why it is refused. Markup is not refused: it is text,
 * stored as given and shown as text.
 */
export function cleanText(
  value: string,
  max: number,
  { required }: { required: boolean },
): { text: string } | { problem: string } {
  const text = value.normalize('NFC').trim();
  if (required && text.length === 0) return { problem: 'is empty' };
  if (text.length > max) return { problem: `is longer than ${max} characters` };
  if (refusedCharacters.test(text)) return { problem: 'holds control characters' };
  return { text };
}

/**
 * Acting on a report (status, notes, merges, incidents): the director-general anywhere, a wali within the region,
 * a district chief within the district; analysts read only. A report with no place is the director-general's.
 */
export function reportWriteDenial(actor: Actor, area: AreaPath | null): Denial | null {
  if (!hasPermission(actor.role, 'citizen_reports.triage')) return 'forbidden';
  if (actor.role === 'director_general') return null;
  if (area === null) return actor.scopeAreaId === null ? null : 'out_of_scope';
  return scopeCovers(actor.scopeAreaId, area) ? null : 'out_of_scope';
}

/** About 100 m: a public answer gives a report's place no finer than this. */
export function generalised(degrees: number): number {
  return Math.round(degrees * 1000) / 1000;
}
