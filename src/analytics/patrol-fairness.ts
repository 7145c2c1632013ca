/**
 * How patrol time is spread across districts against where crime is (docs/patrols.md, "Fairness"): for each
 * district, its hours, its hours per 100,000 residents, its share of the area's incidents and of its patrol hours,
 * and the ratio of the two shares.
 */

export interface DistrictDosage {
  districtId: string;
  population: number | null;
  patrolHours: number;
  incidents: number;
}

export interface DistrictFairness extends DistrictDosage {
  /** Null without a population. */
  hoursPer100k: number | null;
  /** The district's incidents over all the districts'; null when there are none. */
  crimeShare: number | null;
  /** The district's patrol hours over all the districts'; null when there are none. */
  patrolShare: number | null;
  /**
   * Patrol share ÷ crime share: 1 when patrols follow crime, above 1 when the district gets more patrol than its
   * crime would call for. Null when its crime share is zero or a share is unknown.
   */
  patrolToCrime: number | null;
}

export interface FairnessSummary {
  districts: DistrictFairness[];
  patrolHours: number;
  incidents: number;
}

export function patrolFairness(rows: readonly DistrictDosage[]): FairnessSummary {
  for (const r of rows) {
    if (!(Number.isFinite(r.patrolHours) && r.patrolHours >= 0)) {
      throw new RangeError(`district ${r.districtId}: patrolHours not ≥ 0: ${r.patrolHours}`);
    }
    if (!(Number.isInteger(r.incidents) && r.incidents >= 0)) {
      throw new RangeError(`district ${r.districtId}: incidents not a count: ${r.incidents}`);
    }
  }
  const patrolHours = rows.reduce((s, r) => s + r.patrolHours, 0);
  const incidents = rows.reduce((s, r) => s + r.incidents, 0);
  const districts = rows.map((r): DistrictFairness => {
    const crimeShare = incidents > 0 ? r.incidents / incidents : null;
    const patrolShare = patrolHours > 0 ? r.patrolHours / patrolHours : null;
    return {
      ...r,
      hoursPer100k: r.population !== null && r.population > 0 ? (r.patrolHours * 100_000) / r.population : null,
      crimeShare,
      patrolShare,
      patrolToCrime: crimeShare !== null && crimeShare > 0 && patrolShare !== null ? patrolShare / crimeShare : null,
    };
  });
  return { districts, patrolHours, incidents };
}
