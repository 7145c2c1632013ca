/** The police organisation: directorate → wilaya de sûreté → provincial service → district, each over an area. */
export const policeUnitKinds = ['directorate', 'wilaya', 'provincial_service', 'district'] as const;
export type PoliceUnitKind = (typeof policeUnitKinds)[number];

export interface NewPoliceUnit {
  code: string;
  kind: PoliceUnitKind;
  parentCode: string | null;
  areaCode: string | null;
  nameAr: string;
  nameFr: string;
  nameEn: string | null;
  /** True when the unit does not exist as such (the demo's mapping). */
  illustrative: boolean;
}
