/**
 * Offence categories: the sections of the UN International Classification of Crime for Statistical Purposes
 * (ICCS 1.0, UNODC 2015) and Istibaq's local sub-categories, each tied to the ICCS code it belongs to.
 *
 * The Arabic and French labels are Istibaq's own renderings, kept close to the wording of the ICCS and of
 * Moroccan penal vocabulary; the ICCS code is what makes figures comparable between countries.
 */

export interface Labels {
  ar: string;
  fr: string;
  en: string;
}

export const iccsSections = {
  '01': {
    ar: 'الأفعال المؤدية إلى الموت أو الرامية إلى التسبب فيه',
    fr: 'Actes ayant entraîné la mort ou visant à la causer',
    en: 'Acts leading to death or intending to cause death',
  },
  '02': {
    ar: 'الأفعال المسببة للأذى أو الرامية إلى إلحاق الأذى بالأشخاص',
    fr: 'Actes causant ou visant à causer un préjudice à la personne',
    en: 'Acts causing harm or intending to cause harm to the person',
  },
  '03': {
    ar: 'الأفعال الضارة ذات الطابع الجنسي',
    fr: 'Actes préjudiciables de nature sexuelle',
    en: 'Injurious acts of a sexual nature',
  },
  '04': {
    ar: 'الاعتداء على الممتلكات باستعمال العنف أو التهديد ضد الأشخاص',
    fr: 'Atteintes aux biens avec violence ou menace contre une personne',
    en: 'Acts against property involving violence or threat against a person',
  },
  '05': { ar: 'الاعتداء على الممتلكات فقط', fr: 'Atteintes aux biens seulement', en: 'Acts against property only' },
  '06': {
    ar: 'الأفعال المتعلقة بالمخدرات أو المؤثرات العقلية',
    fr: 'Actes impliquant des stupéfiants ou d’autres substances psychoactives',
    en: 'Acts involving controlled drugs or other psychoactive substances',
  },
  '07': {
    ar: 'أفعال الاحتيال والخداع والفساد',
    fr: 'Actes de fraude, de tromperie ou de corruption',
    en: 'Acts involving fraud, deception or corruption',
  },
  '08': {
    ar: 'الأفعال المخلة بالنظام العام والسلطة وأحكام الدولة',
    fr: 'Actes contre l’ordre public, l’autorité et les dispositions de l’État',
    en: 'Acts against public order, authority and provisions of the State',
  },
  '09': {
    ar: 'الأفعال الماسة بالسلامة العامة وأمن الدولة',
    fr: 'Actes contre la sécurité publique et la sûreté de l’État',
    en: 'Acts against public safety and state security',
  },
  '10': {
    ar: 'الأفعال الماسة بالبيئة الطبيعية',
    fr: 'Actes contre l’environnement naturel',
    en: 'Acts against the natural environment',
  },
  '11': {
    ar: 'أفعال إجرامية أخرى غير مصنفة في موضع آخر',
    fr: 'Autres actes criminels non classés ailleurs',
    en: 'Other criminal acts not elsewhere classified',
  },
} as const satisfies Record<string, Labels>;
export type IccsSection = keyof typeof iccsSections;

export interface Category {
  code: string;
  /** The ICCS code the category belongs to (a section, division or group code). */
  iccs: string;
  /** DGSN's "criminalité violente": the share of cases the directorate reports separately. */
  violent: boolean;
  labels: Labels;
}

export const categories = [
  {
    code: 'homicide',
    iccs: '0101',
    violent: true,
    labels: { ar: 'القتل العمد', fr: 'Homicide volontaire', en: 'Intentional homicide' },
  },
  {
    code: 'assault_serious',
    iccs: '020111',
    violent: true,
    labels: { ar: 'الضرب والجرح البليغ', fr: 'Coups et blessures graves', en: 'Serious assault' },
  },
  {
    code: 'sexual_violence',
    iccs: '0301',
    violent: true,
    labels: { ar: 'العنف الجنسي', fr: 'Violences sexuelles', en: 'Sexual violence' },
  },
  {
    code: 'robbery',
    iccs: '0401',
    violent: true,
    labels: { ar: 'السرقة باستعمال العنف', fr: 'Vol avec violence', en: 'Robbery' },
  },
  {
    code: 'assault_minor',
    iccs: '020112',
    violent: false,
    labels: { ar: 'الضرب والجرح البسيط', fr: 'Coups et blessures légers', en: 'Minor assault' },
  },
  { code: 'threat', iccs: '02012', violent: false, labels: { ar: 'التهديد', fr: 'Menaces', en: 'Threat' } },
  {
    code: 'burglary',
    iccs: '0501',
    violent: false,
    labels: { ar: 'السرقة بالكسر', fr: 'Cambriolage', en: 'Burglary' },
  },
  {
    code: 'vehicle_theft',
    iccs: '05021',
    violent: false,
    labels: { ar: 'سرقة المركبات', fr: 'Vol de véhicule', en: 'Vehicle theft' },
  },
  {
    code: 'theft',
    iccs: '05022',
    violent: false,
    labels: { ar: 'السرقة البسيطة', fr: 'Vol simple', en: 'Theft of personal property' },
  },
  {
    code: 'property_damage',
    iccs: '0504',
    violent: false,
    labels: { ar: 'إتلاف ممتلكات الغير', fr: 'Dégradation de biens', en: 'Property damage' },
  },
  {
    code: 'fraud',
    iccs: '0701',
    violent: false,
    labels: { ar: 'النصب والاحتيال', fr: 'Escroquerie', en: 'Fraud' },
  },
  {
    code: 'drug_trafficking',
    iccs: '06012',
    violent: false,
    labels: { ar: 'الاتجار في المخدرات', fr: 'Trafic de stupéfiants', en: 'Drug trafficking' },
  },
  {
    code: 'drug_possession',
    iccs: '06011',
    violent: false,
    labels: { ar: 'حيازة واستهلاك المخدرات', fr: 'Détention et usage de stupéfiants', en: 'Drug possession and use' },
  },
  {
    code: 'weapons',
    iccs: '0901',
    violent: false,
    labels: {
      ar: 'حمل السلاح الأبيض بدون مبرر',
      fr: 'Port d’arme blanche prohibé',
      en: 'Carrying a prohibited weapon',
    },
  },
  {
    code: 'public_order',
    iccs: '0801',
    violent: false,
    labels: { ar: 'الإخلال بالنظام العام', fr: 'Atteintes à l’ordre public', en: 'Public order offences' },
  },
  {
    code: 'other',
    iccs: '11',
    violent: false,
    labels: { ar: 'جرائم أخرى', fr: 'Autres infractions', en: 'Other offences' },
  },
] as const satisfies readonly Category[];

export type CategoryCode = (typeof categories)[number]['code'];
export const categoryCodes = categories.map((c) => c.code) as readonly CategoryCode[];

const byCode = new Map<string, Category>(categories.map((c) => [c.code, c]));

export function isCategoryCode(value: string): value is CategoryCode {
  return byCode.has(value);
}

export function categoryOf(code: string): Category {
  const category = byCode.get(code);
  if (!category) throw new RangeError(`unknown category: ${code}`);
  return category;
}

/** The ICCS section (first two digits) a category belongs to. */
export function sectionOf(code: string): IccsSection {
  return categoryOf(code).iccs.slice(0, 2) as IccsSection;
}
