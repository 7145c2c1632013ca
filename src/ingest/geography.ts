import type { AreaRecord } from '../domain/area.js';
import { illustrativeOrganisation } from '../geo/police-organisation.js';
import { countryCode } from '../geo/morocco.js';
import { findAreaByCode, insertAreas } from '../store/areas.js';
import type { Db } from '../store/db.js';
import { insertPoliceUnits } from '../store/police-units.js';
import { readMoroccoAreas } from './morocco-files.js';

export interface GeographySummary {
  loaded: boolean;
  areas: number;
  policeUnits: number;
}

/** Loads Morocco's geography and the illustrative police organisation unless they are already there. */
export async function ensureMoroccoGeography(
  db: Db,
  read: () => Promise<AreaRecord[]> = readMoroccoAreas,
): Promise<GeographySummary> {
  if (await findAreaByCode(db, countryCode)) return { loaded: false, areas: 0, policeUnits: 0 };
  const areas = await read();
  const added = await insertAreas(db, areas);
  const units = await insertPoliceUnits(db, illustrativeOrganisation(areas));
  return { loaded: true, areas: added, policeUnits: units };
}
