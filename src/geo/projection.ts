/**
 * Coordinate reference systems named by EPSG code, converted to and from WGS 84 longitude/latitude with proj4.
 *
 * Every definition below is written from the EPSG Geodetic Parameter Dataset (as shipped in PROJ's proj.db): the
 * map projection's method and parameters, the ellipsoid, and the EPSG transformation used for the datum shift.
 * test/fixtures/projection/reference.json holds points transformed by PROJ itself (make-reference.sh beside it),
 * which the tests compare with these definitions.
 *
 * Coordinates are always in easting/northing (or longitude/latitude) order, whatever axis order EPSG gives a
 * system: MAGNA-SIRGAS / Colombia Bogota zone, for example, is northing first in the registry, but `toWgs84` still
 * takes (easting, northing).
 */
import proj4 from 'proj4';

export const crsUnits = ['degree', 'metre', 'US survey foot'] as const;
export type CrsUnit = (typeof crsUnits)[number];

export interface Projection {
  readonly epsg: number;
  /** The EPSG name, e.g. "WGS 84 / UTM zone 10N". */
  readonly name: string;
  /** The unit of x and y. */
  readonly unit: CrsUnit;
  /**
   * From the system's easting and northing (or longitude and latitude) to WGS 84 longitude and latitude in degrees.
   * Gives [NaN, NaN] for a point that cannot be converted (a non-finite coordinate, or outside the projection's
   * domain).
   */
  toWgs84(x: number, y: number): [lon: number, lat: number];
  /** From WGS 84 longitude and latitude in degrees to the system's easting and northing; [NaN, NaN] as above. */
  fromWgs84(lon: number, lat: number): [x: number, y: number];
}

/** A group of related systems, for help texts: "WGS 84 / UTM zones, north" with its codes. */
export interface CrsFamily {
  name: string;
  epsg: number[];
}

interface CrsDefinition {
  name: string;
  unit: CrsUnit;
  /** A PROJ string that proj4 reads; `+towgs84` carries the datum shift to WGS 84. */
  proj: string;
}

// NAD83, ETRS89 and MAGNA-SIRGAS are taken as equal to WGS 84, as the EPSG dataset's general transformations do:
// NAD83 to WGS 84 (1) (EPSG:1188, accuracy 4 m), ETRS89 to WGS 84 (1) (EPSG:1149, 1 m) and MAGNA-SIRGAS to WGS 84
// (1) (EPSG:15738, 1 m) are all null. PROJ uses regional NAD83 transformations or grids where it has them (in the
// Aleutians, NAD83 to WGS 84 (2) moves points by about 0.9 m); the datums really differ by a metre or two.
const wgs84 = '+datum=WGS84';
const grs80AsWgs84 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

/** US survey foot in metres, exactly (EPSG:9003). */
const usSurveyFootMetres = 1200 / 3937;

/** Degrees from degrees and minutes: SPCS83 zones are defined in whole minutes. */
function dm(degrees: number, minutes: number): number {
  return Math.sign(degrees) * (Math.abs(degrees) + minutes / 60);
}

const definitions = new Map<number, CrsDefinition>();
const families: CrsFamily[] = [];

function define(family: string, epsg: number, definition: CrsDefinition): void {
  definitions.set(epsg, definition);
  const group = families.find((f) => f.name === family);
  if (group) group.epsg.push(epsg);
  else families.push({ name: family, epsg: [epsg] });
}

// EPSG:4326 WGS 84, geographic 2D.
define('WGS 84', 4326, { name: 'WGS 84', unit: 'degree', proj: `+proj=longlat ${wgs84} +no_defs` });

// EPSG:3857 WGS 84 / Pseudo-Mercator: method "Popular Visualisation Pseudo Mercator" (EPSG:1024), origin 0°, 0°,
// false easting and northing 0, spherical formulas on the WGS 84 semi-major axis. `+nadgrids=@null` keeps proj4
// from applying any datum shift between the sphere and WGS 84, which is how the method is defined.
define('WGS 84 / Pseudo-Mercator', 3857, {
  name: 'WGS 84 / Pseudo-Mercator',
  unit: 'metre',
  proj: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
});

// UTM (EPSG conversions 16001–16060 north, 16101–16160 south): Transverse Mercator (EPSG:9807), central meridian
// 6° × zone − 183°, scale 0.9996, false easting 500 000 m, false northing 0 (north) or 10 000 000 m (south).
// EPSG:32601–32660 WGS 84 / UTM zone 1N–60N, EPSG:32701–32760 WGS 84 / UTM zone 1S–60S.
for (let zone = 1; zone <= 60; zone++) {
  define('WGS 84 / UTM zones, north', 32600 + zone, {
    name: `WGS 84 / UTM zone ${zone}N`,
    unit: 'metre',
    proj: `+proj=utm +zone=${zone} ${wgs84} +units=m +no_defs`,
  });
}
for (let zone = 1; zone <= 60; zone++) {
  define('WGS 84 / UTM zones, south', 32700 + zone, {
    name: `WGS 84 / UTM zone ${zone}S`,
    unit: 'metre',
    proj: `+proj=utm +zone=${zone} +south ${wgs84} +units=m +no_defs`,
  });
}
// EPSG:26901–26923 NAD83 / UTM zone 1N–23N (North America), GRS 1980 ellipsoid (EPSG:7019).
for (let zone = 1; zone <= 23; zone++) {
  define('NAD83 / UTM zones (North America)', 26900 + zone, {
    name: `NAD83 / UTM zone ${zone}N`,
    unit: 'metre',
    proj: `+proj=utm +zone=${zone} ${grs80AsWgs84} +units=m +no_defs`,
  });
}
// EPSG:25828–25838 ETRS89 / UTM zone 28N–38N (Europe), GRS 1980 ellipsoid.
for (let zone = 28; zone <= 38; zone++) {
  define('ETRS89 / UTM zones (Europe)', 25800 + zone, {
    name: `ETRS89 / UTM zone ${zone}N`,
    unit: 'metre',
    proj: `+proj=utm +zone=${zone} ${grs80AsWgs84} +units=m +no_defs`,
  });
}

// Morocco, EPSG:26191–26195 (conversions EPSG:18131–18135): Lambert Conic Conformal (1SP) (EPSG:9801) on the
// Merchich datum (EPSG:6261), Clarke 1880 (IGN) ellipsoid (EPSG:7011: a = 6 378 249.2 m, b = 6 356 515.0 m). The
// registry gives the origins in grads; all five share the longitude of origin −6 grads (−5.4°).
// Datum shift: Merchich to WGS 84 (1) (EPSG:1166), geocentric translations +31, +146, +47 m, accuracy 7 m, derived
// at 9 stations. EPSG gives it for Morocco north of 27°40'N only, and has no other Merchich transformation; it is
// applied to the Saharan zones as well, since they are on the same datum (PROJ, outside that area, shifts nothing,
// which misplaces points by 250–280 m).
const merchichZones = [
  { epsg: 26191, name: 'Merchich / Nord Maroc', latitudeGrads: 37, scale: 0.999625769, x0: 500_000, y0: 300_000 },
  { epsg: 26192, name: 'Merchich / Sud Maroc', latitudeGrads: 33, scale: 0.999615596, x0: 500_000, y0: 300_000 },
  { epsg: 26193, name: 'Merchich / Sahara', latitudeGrads: 29, scale: 0.9996, x0: 1_200_000, y0: 400_000 },
  { epsg: 26194, name: 'Merchich / Sahara Nord', latitudeGrads: 29, scale: 0.999616304, x0: 1_200_000, y0: 400_000 },
  { epsg: 26195, name: 'Merchich / Sahara Sud', latitudeGrads: 25, scale: 0.999616437, x0: 1_500_000, y0: 400_000 },
];
for (const zone of merchichZones) {
  const latitude = (zone.latitudeGrads * 9) / 10;
  define('Merchich (Morocco) Lambert zones', zone.epsg, {
    name: zone.name,
    unit: 'metre',
    proj:
      `+proj=lcc +lat_1=${latitude} +lat_0=${latitude} +lon_0=-5.4 +k_0=${zone.scale} +x_0=${zone.x0} +y_0=${zone.y0}` +
      ' +a=6378249.2 +b=6356515 +towgs84=31,146,47,0,0,0,0 +units=m +no_defs',
  });
}

// EPSG:27700 OSGB36 / British National Grid (conversion EPSG:19916): Transverse Mercator, origin 49°N 2°W, scale
// 0.9996012717, false easting 400 000 m, false northing −100 000 m; Airy 1830 ellipsoid (EPSG:7001:
// a = 6 377 563.396 m, b = 6 356 256.909 m). Datum shift: OSGB36 to WGS 84 (6) (EPSG:1314), position vector
// transformation, accuracy 2 m. PROJ prefers the OSTN15 grid (EPSG:7710) when it is installed, which is closer to
// the truth by up to ~2 m.
define('OSGB36 / British National Grid', 27700, {
  name: 'OSGB36 / British National Grid',
  unit: 'metre',
  proj:
    '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +a=6377563.396 +b=6356256.909' +
    ' +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
});

// Colombia, MAGNA-SIRGAS (EPSG:6686, GRS 1980).
// EPSG:4686 MAGNA-SIRGAS, geographic 2D.
define('MAGNA-SIRGAS (Colombia)', 4686, {
  name: 'MAGNA-SIRGAS',
  unit: 'degree',
  proj: `+proj=longlat ${grs80AsWgs84} +no_defs`,
});
// EPSG:3116 MAGNA-SIRGAS / Colombia Bogota zone (conversion EPSG:18057): Transverse Mercator, origin
// 4°35'46.3215"N 74°04'39.0285"W (4.59620041666667°, −74.0775079166667°), scale 1, false easting and northing
// 1 000 000 m.
define('MAGNA-SIRGAS (Colombia)', 3116, {
  name: 'MAGNA-SIRGAS / Colombia Bogota zone',
  unit: 'metre',
  proj:
    '+proj=tmerc +lat_0=4.59620041666667 +lon_0=-74.0775079166667 +k=1 +x_0=1000000 +y_0=1000000' +
    ` ${grs80AsWgs84} +units=m +no_defs`,
});
// EPSG:9377 MAGNA-SIRGAS / Origen-Nacional (conversion EPSG:9376, IGAC's single national origin of 2020):
// Transverse Mercator, origin 4°N 73°W, scale 0.9992, false easting 5 000 000 m, false northing 2 000 000 m.
define('MAGNA-SIRGAS (Colombia)', 9377, {
  name: 'MAGNA-SIRGAS / Origen-Nacional',
  unit: 'metre',
  proj: `+proj=tmerc +lat_0=4 +lon_0=-73 +k=0.9992 +x_0=5000000 +y_0=2000000 ${grs80AsWgs84} +units=m +no_defs`,
});

// United States, NAD83 state plane coordinate systems (SPCS83), as EPSG defines them. False eastings and northings
// are in the system's own unit, as in the registry (the proj string wants metres); angles are in whole minutes.
function transverseMercator(lat0: number, lon0: number, scale: number): string {
  return `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${scale}`;
}
function lambert2sp(lat0: number, lon0: number, lat1: number, lat2: number): string {
  return `+proj=lcc +lat_0=${lat0} +lon_0=${lon0} +lat_1=${lat1} +lat_2=${lat2}`;
}
// SPCS83 Illinois East zone: Transverse Mercator, origin 36°40'N 88°20'W, scale 0.999975.
const illinoisEast = transverseMercator(dm(36, 40), dm(-88, 20), 0.999975);
// SPCS83 New York Long Island zone: Lambert Conic Conformal (2SP), false origin 40°10'N 74°W, standard parallels
// 41°02'N and 40°40'N.
const newYorkLongIsland = lambert2sp(dm(40, 10), -74, dm(41, 2), dm(40, 40));
const statePlanes = [
  { epsg: 26971, name: 'NAD83 / Illinois East', projection: illinoisEast, x0: 300_000, y0: 0 },
  { epsg: 3435, name: 'NAD83 / Illinois East (ftUS)', projection: illinoisEast, x0: 984_250, y0: 0 },
  { epsg: 32118, name: 'NAD83 / New York Long Island', projection: newYorkLongIsland, x0: 300_000, y0: 0 },
  { epsg: 2263, name: 'NAD83 / New York Long Island (ftUS)', projection: newYorkLongIsland, x0: 984_250, y0: 0 },
  {
    // SPCS83 California zone 3: Lambert Conic Conformal (2SP), false origin 36°30'N 120°30'W, standard parallels
    // 38°26'N and 37°04'N.
    epsg: 2227,
    name: 'NAD83 / California zone 3 (ftUS)',
    projection: lambert2sp(dm(36, 30), dm(-120, 30), dm(38, 26), dm(37, 4)),
    x0: 6_561_666.667,
    y0: 1_640_416.667,
  },
  {
    // SPCS83 Ohio South zone: Lambert Conic Conformal (2SP), false origin 38°N 82°30'W, standard parallels 40°02'N
    // and 38°44'N.
    epsg: 3735,
    name: 'NAD83 / Ohio South (ftUS)',
    projection: lambert2sp(38, dm(-82, 30), dm(40, 2), dm(38, 44)),
    x0: 1_968_500,
    y0: 0,
  },
  {
    // SPCS83 Washington North zone: Lambert Conic Conformal (2SP), false origin 47°N 120°50'W, standard parallels
    // 48°44'N and 47°30'N.
    epsg: 2285,
    name: 'NAD83 / Washington North (ftUS)',
    projection: lambert2sp(47, dm(-120, 50), dm(48, 44), dm(47, 30)),
    x0: 1_640_416.667,
    y0: 0,
  },
];
for (const zone of statePlanes) {
  const feet = zone.name.endsWith('(ftUS)');
  const toMetres = feet ? usSurveyFootMetres : 1;
  define('NAD83 / US state planes', zone.epsg, {
    name: zone.name,
    unit: feet ? 'US survey foot' : 'metre',
    proj:
      `${zone.projection} +x_0=${zone.x0 * toMetres} +y_0=${zone.y0 * toMetres} ${grs80AsWgs84}` +
      ` +units=${feet ? 'us-ft' : 'm'} +no_defs`,
  });
}

const wgs84Proj = `+proj=longlat ${wgs84} +no_defs`;
const projections = new Map<number, Projection>();

/**
 * The coordinate system with an EPSG code.
 *
 * @throws RangeError naming the code, and the codes that are supported, when it is not one of them
 */
export function projectionFor(epsg: number): Projection {
  const cached = projections.get(epsg);
  if (cached) return cached;
  const definition = definitions.get(epsg);
  if (!definition) {
    throw new RangeError(`unsupported coordinate system EPSG:${epsg}; supported: ${codeRanges(supportedEpsg())}`);
  }
  const converter = proj4(definition.proj, wgs84Proj);
  const projection: Projection = {
    epsg,
    name: definition.name,
    unit: definition.unit,
    toWgs84: (x, y) => finitePair(x, y, (point) => converter.forward(point)),
    fromWgs84: (lon, lat) => finitePair(lon, lat, (point) => converter.inverse(point)),
  };
  projections.set(epsg, projection);
  return projection;
}

function finitePair(a: number, b: number, convert: (point: [number, number]) => [number, number]): [number, number] {
  // proj4 throws a TypeError on non-finite input, and some projections give ±Infinity outside their domain.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return [NaN, NaN];
  const [x, y] = convert([a, b]);
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : [NaN, NaN];
}

/** Every supported EPSG code, in increasing order. */
export function supportedEpsg(): number[] {
  return [...definitions.keys()].sort((a, b) => a - b);
}

/** The EPSG name of a supported code ("Merchich / Nord Maroc"), or null. */
export function crsName(epsg: number): string | null {
  return definitions.get(epsg)?.name ?? null;
}

/** The supported systems in groups, in the order they are described above (for `--help`). */
export function crsFamilies(): CrsFamily[] {
  return families.map((family) => ({ name: family.name, epsg: [...family.epsg] }));
}

/** "4326, 26191–26195, 32601–32660": a sorted list of codes with runs written as ranges. */
export function codeRanges(codes: readonly number[]): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= codes.length; i++) {
    if (i < codes.length && codes[i] === (codes[i - 1] ?? 0) + 1) continue;
    const first = codes[start];
    const last = codes[i - 1];
    if (first !== undefined && last !== undefined) parts.push(first === last ? `${first}` : `${first}–${last}`);
    start = i;
  }
  return parts.join(', ');
}
