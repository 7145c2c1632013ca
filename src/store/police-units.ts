import type { NewPoliceUnit, PoliceUnitKind } from '../domain/police-unit.js';
import type { Db } from './db.js';

export interface PoliceUnit {
  id: number;
  code: string;
  kind: PoliceUnitKind;
  parentCode: string | null;
  areaCode: string | null;
  nameAr: string;
  nameFr: string;
  nameEn: string | null;
  illustrative: boolean;
}

/** Adds police units (parents first) that are not there yet; returns how many were added. */
export async function insertPoliceUnits(db: Db, units: readonly NewPoliceUnit[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const known = new Map(
      (await trx.selectFrom('policeUnit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
    );
    const areas = new Map((await trx.selectFrom('area').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
    let added = 0;
    for (const unit of units) {
      if (known.has(unit.code)) continue;
      const parentId = unit.parentCode === null ? null : known.get(unit.parentCode);
      if (parentId === undefined) throw new RangeError(`unknown parent unit ${unit.parentCode} for ${unit.code}`);
      const { id } = await trx
        .insertInto('policeUnit')
        .values({
          code: unit.code,
          kind: unit.kind,
          parentId,
          areaId: unit.areaCode === null ? null : (areas.get(unit.areaCode) ?? null),
          nameAr: unit.nameAr,
          nameFr: unit.nameFr,
          nameEn: unit.nameEn,
          illustrative: unit.illustrative,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      known.set(unit.code, id);
      added++;
    }
    return added;
  });
}

export async function listPoliceUnits(db: Db, filter: { parentCode?: string | null } = {}): Promise<PoliceUnit[]> {
  let q = db
    .selectFrom('policeUnit as u')
    .leftJoin('policeUnit as p', 'p.id', 'u.parentId')
    .leftJoin('area as a', 'a.id', 'u.areaId')
    .select([
      'u.id',
      'u.code',
      'u.kind',
      'p.code as parentCode',
      'a.code as areaCode',
      'u.nameAr',
      'u.nameFr',
      'u.nameEn',
      'u.illustrative',
    ]);
  if (filter.parentCode === null) q = q.where('u.parentId', 'is', null);
  else if (filter.parentCode !== undefined) q = q.where('p.code', '=', filter.parentCode);
  const rows = await q.orderBy('u.code').execute();
  return rows.map((r) => ({ ...r, kind: r.kind as PoliceUnitKind }));
}
