import type { AreaRecord } from '../domain/area.js';
import type { NewPoliceUnit } from '../domain/police-unit.js';

/**
 * An illustrative police organisation over the area hierarchy: the directorate for the country, one wilaya de
 * sûreté per region, one provincial service per province or prefecture (Casablanca's préfectures
 * d'arrondissements stand in for its prefecture), one police district per district. The real DGSN map differs
 * (wilayas cover cities, not regions); every unit here is marked illustrative.
 */
export function illustrativeOrganisation(areas: readonly AreaRecord[]): NewPoliceUnit[] {
  const units: NewPoliceUnit[] = [];
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const replaced = new Set(
    areas
      .filter((a) => a.level === 'arrondissement_prefecture')
      .map((a) => byCode.get(byCode.get(a.parentCode ?? '')?.parentCode ?? '')?.code),
  );
  const unitOf = new Map<string, string>();
  const en = (a: AreaRecord) => a.nameEn ?? a.nameFr;
  for (const area of areas) {
    if (area.level === 'country') {
      units.push({
        code: 'DGSN',
        kind: 'directorate',
        parentCode: null,
        areaCode: area.code,
        nameAr: 'المديرية العامة للأمن الوطني',
        nameFr: 'Direction générale de la sûreté nationale',
        nameEn: 'General Directorate for National Security',
        illustrative: true,
      });
      unitOf.set(area.code, 'DGSN');
    } else if (area.level === 'region') {
      const code = `W-${area.code}`;
      units.push({
        code,
        kind: 'wilaya',
        parentCode: unitOf.get(area.parentCode ?? '') ?? 'DGSN',
        areaCode: area.code,
        nameAr: `ولاية الأمن - ${area.nameAr}`,
        nameFr: `Wilaya de sûreté – ${area.nameFr}`,
        nameEn: `Regional security prefecture – ${en(area)}`,
        illustrative: true,
      });
      unitOf.set(area.code, code);
    } else if ((area.level === 'province' && !replaced.has(area.code)) || area.level === 'arrondissement_prefecture') {
      const regionCode =
        area.level === 'province'
          ? area.parentCode
          : byCode.get(byCode.get(area.parentCode ?? '')?.parentCode ?? '')?.parentCode;
      const code = `P-${area.code}`;
      units.push({
        code,
        kind: 'provincial_service',
        parentCode: unitOf.get(regionCode ?? '') ?? null,
        areaCode: area.code,
        nameAr: `المنطقة الإقليمية للأمن - ${area.nameAr}`,
        nameFr: `Sûreté provinciale – ${area.nameFr}`,
        nameEn: `Provincial security service – ${en(area)}`,
        illustrative: true,
      });
      unitOf.set(area.code, code);
    } else if (area.level === 'city') {
      // Under a province whose service was replaced by its préfectures d'arrondissements, fall back to the wilaya.
      const province = byCode.get(area.parentCode ?? '');
      unitOf.set(area.code, unitOf.get(province?.code ?? '') ?? unitOf.get(province?.parentCode ?? '') ?? '');
    } else if (area.level === 'district') {
      const code = `D-${area.code}`;
      units.push({
        code,
        kind: 'district',
        parentCode: unitOf.get(area.parentCode ?? '') || null,
        areaCode: area.code,
        nameAr: `الدائرة الأمنية - ${area.nameAr}`,
        nameFr: `District de police – ${area.nameFr}`,
        nameEn: `Police district – ${en(area)}`,
        illustrative: true,
      });
    }
  }
  return units;
}
