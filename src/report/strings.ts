import type { BriefLanguage } from '../contract/brief.js';

/** The words of the meeting brief in each language it is printed in. */
export interface BriefStrings {
  title: string;
  /** Between the items of a list: the Arabic comma in Arabic. */
  listSeparator: string;
  week: string;
  weekInProgress: (asOf: string) => string;
  synthetic: string;
  generated: string;
  compstat: string;
  compstatNote: (alpha: string) => string;
  category: string;
  total: string;
  weekToDate: string;
  days28: string;
  yearToDate: string;
  now: string;
  lastYear: string;
  change: string;
  twoYears: string;
  longRun: string;
  baseline: (year: number) => string;
  per100k: string;
  cleared: string;
  smallBase: string;
  trends: string;
  trendsNote: (weeks: number) => string;
  thisYear: string;
  alerts: string;
  noAlerts: string;
  alertsMore: (shown: number, total: number) => string;
  day: string;
  area: string;
  observed: string;
  expected: string;
  upper: string;
  plans: string;
  noPlans: string;
  kind: Record<'emergency' | 'strategic', string>;
  objective: string;
  baselineValue: string;
  current: string;
  target: string;
  deadline: string;
  status: string;
  objectiveStatus: Record<string, string>;
  measure: Record<'count' | 'rate', string>;
  everyCategory: string;
  withheld: string;
  actions: string;
  noOpenActions: string;
  action: string;
  owner: string;
  due: string;
  late: (days: number) => string;
  onTime: string;
  plan: string;
  submissions: string;
  efforts: string;
  difficulties: string;
  noSubmission: string;
  missingSubmissions: string;
  by: string;
}

export const briefStrings: Record<BriefLanguage, BriefStrings> = {
  ar: {
    title: 'موجز اجتماع التتبع (CompStat)',
    listSeparator: '، ',
    week: 'الأسبوع',
    weekInProgress: (asOf) => `الأسبوع لم يكتمل: المعطيات إلى غاية ${asOf}`,
    synthetic: 'معطيات اصطناعية للعرض — ليست إحصاءات حقيقية',
    generated: 'أُعدّ في',
    compstat: 'جدول CompStat',
    compstatNote: (alpha) =>
      `* تغير دال إحصائيا (اختبار بواسون الدقيق، p < ${alpha}). «—»: النسبة محجوبة لأن العدد السابق أقل من 10.`,
    category: 'الصنف',
    total: 'المجموع',
    weekToDate: 'الأسبوع الجاري',
    days28: '28 يوما',
    yearToDate: 'منذ بداية السنة',
    now: 'الحالي',
    lastYear: 'السنة الماضية',
    change: 'التغير',
    twoYears: 'قبل سنتين',
    longRun: 'على المدى البعيد',
    baseline: (year) => `سنة ${year}`,
    per100k: 'لكل 100.000 نسمة',
    cleared: 'نسبة الحل',
    smallBase: '—',
    trends: 'المنحى الأسبوعي',
    trendsNote: (weeks) => `آخر ${weeks} أسبوعا (من الاثنين إلى الأحد) مقارنة بالأسابيع نفسها من السنة الماضية.`,
    thisYear: 'هذه السنة',
    alerts: 'إنذارات المؤشرات اليومية',
    noAlerts: 'لا إنذار خلال هذا الأسبوع.',
    alertsMore: (shown, total) => `يُعرض ${shown} من أصل ${total} إنذارا.`,
    day: 'اليوم',
    area: 'المنطقة',
    observed: 'المسجل',
    expected: 'المتوقع',
    upper: 'الحد الأعلى',
    plans: 'المخططات والأهداف',
    noPlans: 'لا مخطط نشط يخص هذه المنطقة.',
    kind: { emergency: 'مخطط استعجالي', strategic: 'مخطط استراتيجي' },
    objective: 'الهدف',
    baselineValue: 'المرجع',
    current: 'الحالي',
    target: 'المستهدف',
    deadline: 'الأجل',
    status: 'الوضعية',
    objectiveStatus: {
      not_started: 'لم يبدأ',
      on_track: 'في المسار',
      off_track: 'متأخر عن المسار',
      achieved: 'محقق',
      missed: 'غير محقق',
      no_data: 'بدون معطيات',
    },
    measure: { count: 'العدد', rate: 'المعدل لكل 100.000' },
    everyCategory: 'جميع الأصناف',
    withheld: 'خارج نطاق الاطلاع',
    actions: 'الإجراءات المفتوحة والمتأخرة',
    noOpenActions: 'لا إجراء مفتوح.',
    action: 'الإجراء',
    owner: 'الوحدة المسؤولة',
    due: 'الأجل',
    late: (days) => `متأخر (${days} يوما)`,
    onTime: 'في الأجل',
    plan: 'المخطط',
    submissions: 'الجهود والصعوبات المرفوعة',
    efforts: 'الجهود',
    difficulties: 'الصعوبات',
    noSubmission: 'لم يُرفع أي تقرير لهذا الأسبوع.',
    missingSubmissions: 'لم ترفع تقريرها بعد',
    by: 'بقلم',
  },
  fr: {
    title: 'Note de réunion CompStat',
    listSeparator: ', ',
    week: 'Semaine',
    weekInProgress: (asOf) => `Semaine en cours : données jusqu’au ${asOf}`,
    synthetic: 'Données synthétiques de démonstration — pas des statistiques réelles',
    generated: 'Établie le',
    compstat: 'Tableau CompStat',
    compstatNote: (alpha) =>
      `* variation significative (test exact de Poisson, p < ${alpha}). « — » : pourcentage masqué, effectif antérieur inférieur à 10.`,
    category: 'Catégorie',
    total: 'Total',
    weekToDate: 'Semaine en cours',
    days28: '28 jours',
    yearToDate: 'Depuis le 1er janvier',
    now: 'Actuel',
    lastYear: 'An dernier',
    change: 'Var.',
    twoYears: 'Il y a 2 ans',
    longRun: 'Sur longue période',
    baseline: (year) => `Réf. ${year}`,
    per100k: 'Pour 100 000 hab.',
    cleared: 'Élucidation',
    smallBase: '—',
    trends: 'Évolution hebdomadaire',
    trendsNote: (weeks) => `Les ${weeks} dernières semaines (lundi–dimanche) et les mêmes semaines un an plus tôt.`,
    thisYear: 'Cette année',
    alerts: 'Alertes des indicateurs quotidiens',
    noAlerts: 'Aucune alerte cette semaine.',
    alertsMore: (shown, total) => `${shown} alertes affichées sur ${total}.`,
    day: 'Jour',
    area: 'Territoire',
    observed: 'Observé',
    expected: 'Attendu',
    upper: 'Limite haute',
    plans: 'Plans et objectifs',
    noPlans: 'Aucun plan actif ne concerne ce territoire.',
    kind: { emergency: 'Plan d’urgence', strategic: 'Plan stratégique' },
    objective: 'Objectif',
    baselineValue: 'Référence',
    current: 'Actuel',
    target: 'Cible',
    deadline: 'Échéance',
    status: 'État',
    objectiveStatus: {
      not_started: 'Pas commencé',
      on_track: 'En bonne voie',
      off_track: 'En retard',
      achieved: 'Atteint',
      missed: 'Manqué',
      no_data: 'Sans données',
    },
    measure: { count: 'Nombre', rate: 'Taux pour 100 000' },
    everyCategory: 'Toutes catégories',
    withheld: 'Hors de votre périmètre',
    actions: 'Actions ouvertes et en retard',
    noOpenActions: 'Aucune action ouverte.',
    action: 'Action',
    owner: 'Unité responsable',
    due: 'Échéance',
    late: (days) => `En retard (${days} j)`,
    onTime: 'Dans les délais',
    plan: 'Plan',
    submissions: 'Efforts et difficultés remontés',
    efforts: 'Efforts',
    difficulties: 'Difficultés',
    noSubmission: 'Aucune remontée pour cette semaine.',
    missingSubmissions: 'N’ont pas encore remonté',
    by: 'par',
  },
  en: {
    title: 'CompStat meeting brief',
    listSeparator: ', ',
    week: 'Week',
    weekInProgress: (asOf) => `Week in progress: data up to ${asOf}`,
    synthetic: 'Synthetic demonstration data — not real statistics',
    generated: 'Prepared on',
    compstat: 'CompStat table',
    compstatNote: (alpha) =>
      `* significant change (exact Poisson test, p < ${alpha}). "—": percentage withheld, earlier count below 10.`,
    category: 'Category',
    total: 'Total',
    weekToDate: 'Week to date',
    days28: '28 days',
    yearToDate: 'Year to date',
    now: 'Now',
    lastYear: 'Last year',
    change: 'Change',
    twoYears: '2 years ago',
    longRun: 'Long run',
    baseline: (year) => `Base ${year}`,
    per100k: 'Per 100,000',
    cleared: 'Cleared',
    smallBase: '—',
    trends: 'Weekly trend',
    trendsNote: (weeks) => `The last ${weeks} weeks (Monday–Sunday) beside the same weeks a year earlier.`,
    thisYear: 'This year',
    alerts: 'Daily-indicator alerts',
    noAlerts: 'No alert this week.',
    alertsMore: (shown, total) => `${shown} of ${total} alerts shown.`,
    day: 'Day',
    area: 'Area',
    observed: 'Observed',
    expected: 'Expected',
    upper: 'Upper limit',
    plans: 'Plans and objectives',
    noPlans: 'No active plan bears on this area.',
    kind: { emergency: 'Emergency plan', strategic: 'Strategic plan' },
    objective: 'Objective',
    baselineValue: 'Baseline',
    current: 'Current',
    target: 'Target',
    deadline: 'Deadline',
    status: 'Status',
    objectiveStatus: {
      not_started: 'Not started',
      on_track: 'On track',
      off_track: 'Off track',
      achieved: 'Achieved',
      missed: 'Missed',
      no_data: 'No data',
    },
    measure: { count: 'Count', rate: 'Rate per 100,000' },
    everyCategory: 'Every category',
    withheld: 'Outside your scope',
    actions: 'Open and late actions',
    noOpenActions: 'No open action.',
    action: 'Action',
    owner: 'Owner unit',
    due: 'Due',
    late: (days) => `Late (${days} d)`,
    onTime: 'On time',
    plan: 'Plan',
    submissions: 'Efforts and difficulties submitted',
    efforts: 'Efforts',
    difficulties: 'Difficulties',
    noSubmission: 'Nothing submitted for this week.',
    missingSubmissions: 'Not yet submitted',
    by: 'by',
  },
};
