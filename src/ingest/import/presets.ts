import type { Mapping } from '../../contract/import.js';
import type { AreaLevel } from '../../domain/area.js';

/**
 * Ready-made mappings for the real data sets Istibaq is proven on (`../shared/data/`, each described in its
 * README) and for Istibaq's own native format (docs/import.md). A preset also names the area its records belong
 * to, created on first use, and the boundaries that split it, read from a file beside the data file.
 */

export interface RootArea {
  code: string;
  level: AreaLevel;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  /** Census population, for rates; the figure and its year are cited beside each preset. */
  population: number | null;
  timeZone: string;
}

export interface BoundarySetup {
  /** A file expected beside the data file (the same folder). */
  file: string;
  level: AreaLevel;
  codeField: string;
  prefix: string;
  pad: number;
  nameField: string;
}

export interface Preset {
  name: string;
  description: string;
  mapping: Mapping;
  root: RootArea | null;
  boundaries: BoundarySetup | null;
}

const city = (
  code: string,
  names: { ar: string; fr: string; en: string },
  population: number,
  timeZone: string,
  level: AreaLevel = 'city',
): RootArea => ({ code, level, nameAr: names.ar, nameFr: names.fr, nameEn: names.en, population, timeZone });

// Populations: US Census 2020 (Chicago, Cincinnati, New York City, San Francisco), Statistics Canada 2021
// (Vancouver), ONS Census 2021 (Nottingham; Lancashire county council area), DANE Census 2018 (Medellín).
const chicago = city('chicago', { ar: 'شيكاغو', fr: 'Chicago', en: 'Chicago' }, 2_746_388, 'America/Chicago');
const cincinnati = city(
  'cincinnati',
  { ar: 'سينسيناتي', fr: 'Cincinnati', en: 'Cincinnati' },
  309_317,
  'America/New_York',
);
const vancouver = city('vancouver', { ar: 'فانكوفر', fr: 'Vancouver', en: 'Vancouver' }, 662_248, 'America/Vancouver');
const sanFrancisco = city(
  'san-francisco',
  { ar: 'سان فرانسيسكو', fr: 'San Francisco', en: 'San Francisco' },
  873_965,
  'America/Los_Angeles',
);
const newYork = city('new-york', { ar: 'نيويورك', fr: 'New York', en: 'New York City' }, 8_804_190, 'America/New_York');
const nottingham = city(
  'nottingham',
  { ar: 'نوتينغهام', fr: 'Nottingham', en: 'Nottingham' },
  323_632,
  'Europe/London',
);
const lancashire = city(
  'lancashire',
  { ar: 'لانكشاير', fr: 'Lancashire', en: 'Lancashire' },
  1_235_300,
  'Europe/London',
  'province',
);
const medellin = city('medellin', { ar: 'ميديين', fr: 'Medellín', en: 'Medellín' }, 2_427_129, 'America/Bogota');

const lonLat = { x: 'longitude', y: 'latitude' } as const;

/**
 * The crimemappingdata samples write local clock times with a "Z" (New York homicides peak at 20–23 "Z", San
 * Francisco robberies at 23–02: the shape of a local day, not of UTC). Read them as local times.
 */
const localIso = 'iso-local';

/** police.uk publishes the month only, written as its first day: read as a month, never as that day. */
const policeUk = (
  name: string,
  description: string,
  category: 'burglary' | 'robbery' | 'public_order',
  root: RootArea,
): Preset => ({
  name,
  description,
  mapping: {
    kind: 'incidents',
    source: 'police-uk',
    timeZone: 'Europe/London',
    occurredAt: { column: 'month', format: 'month' },
    location: lonLat,
    category: { value: category },
    defaultArea: root.code,
  },
  root,
  boundaries: null,
});

export const presets: readonly Preset[] = [
  {
    name: 'istibaq',
    description: 'Istibaq’s native format (docs/import.md): id, category, occurred_at, … in CSV or JSON lines',
    mapping: {
      kind: 'incidents',
      source: 'istibaq',
      externalId: { column: 'id' },
      occurredAt: { column: 'occurred_at' },
      reportedAt: { column: 'reported_at' },
      solvedAt: { column: 'solved_at' },
      location: { x: 'lon', y: 'lat' },
      area: { column: 'area' },
      category: { column: 'category' },
      status: { column: 'status' },
      provenance: { column: 'provenance' },
    },
    root: null,
    boundaries: null,
  },
  {
    name: 'istibaq-calls',
    description: 'Istibaq’s native format for calls for service (docs/import.md): id, received_at, priority, …',
    mapping: {
      kind: 'calls',
      source: 'istibaq',
      externalId: { column: 'id' },
      receivedAt: { column: 'received_at' },
      dispatchedAt: { column: 'dispatched_at' },
      onSceneAt: { column: 'on_scene_at' },
      closedAt: { column: 'closed_at' },
      location: { x: 'lon', y: 'lat' },
      area: { column: 'area' },
      priority: { column: 'priority' },
      callType: { column: 'call_type' },
      outcome: { column: 'outcome' },
    },
    root: null,
    boundaries: null,
  },
  {
    name: 'chicago-aggravated-assaults',
    description:
      'Chicago aggravated assaults 2010–2019 (City of Chicago / CPD), with the police districts of chicago_police_districts.kml',
    mapping: {
      kind: 'incidents',
      source: 'chicago-cpd',
      timeZone: 'America/Chicago',
      occurredAt: { column: 'date', format: 'YYYY-MM-DD HH:mm' },
      location: lonLat,
      area: { column: 'district', prefix: 'chicago-', pad: 2 },
      category: { value: 'assault_serious' },
      defaultArea: 'chicago',
    },
    root: chicago,
    boundaries: {
      file: 'chicago_police_districts.kml',
      level: 'district',
      codeField: 'name',
      prefix: 'chicago-',
      pad: 2,
      nameField: 'description',
    },
  },
  {
    name: 'cincinnati-burglary',
    description: 'Cincinnati burglaries 2016–2018 (City of Cincinnati, public domain)',
    mapping: {
      kind: 'incidents',
      source: 'cincinnati-pd',
      timeZone: 'America/New_York',
      occurredAt: { column: 'offense_date', format: localIso },
      location: lonLat,
      category: { column: 'offense', map: { BURGLARY: 'burglary', 'AGGRAVATED BURGLARY': 'burglary' } },
      defaultArea: 'cincinnati',
    },
    root: cincinnati,
    boundaries: null,
  },
  {
    name: 'vancouver-thefts',
    description: 'Vancouver thefts 2020 (Vancouver Police Department), UTM zone 10N coordinates',
    mapping: {
      kind: 'incidents',
      source: 'vancouver-pd',
      timeZone: 'America/Vancouver',
      occurredAt: { parts: { year: 'YEAR', month: 'MONTH', day: 'DAY', hour: 'HOUR', minute: 'MINUTE' } },
      location: { x: 'X', y: 'Y', crs: 32610 },
      category: {
        column: 'TYPE',
        map: {
          'Theft from Vehicle': 'theft',
          'Other Theft': 'theft',
          'Theft of Bicycle': 'theft',
          'Theft of Vehicle': 'vehicle_theft',
        },
      },
      defaultArea: 'vancouver',
    },
    root: vancouver,
    boundaries: null,
  },
  {
    name: 'san-francisco-robbery',
    description: 'San Francisco robberies 2019 (SFPD, ODC-PDDL)',
    mapping: {
      kind: 'incidents',
      source: 'sfpd',
      timeZone: 'America/Los_Angeles',
      externalId: { column: 'uid' },
      occurredAt: { column: 'date_time', format: localIso },
      location: lonLat,
      category: {
        column: 'offense_type',
        map: { 'personal robbery': 'robbery', 'commercial robbery': 'robbery' },
        default: 'robbery',
      },
      defaultArea: 'san-francisco',
    },
    root: sanFrancisco,
    boundaries: null,
  },
  {
    name: 'nyc-homicides',
    description: 'New York City homicides 2016–2018 (City of New York)',
    mapping: {
      kind: 'incidents',
      source: 'nypd-homicides',
      timeZone: 'America/New_York',
      externalId: { column: 'uid' },
      occurredAt: { column: 'offense_date', format: localIso },
      location: lonLat,
      category: { value: 'homicide' },
      defaultArea: 'new-york',
    },
    root: newYork,
    boundaries: null,
  },
  {
    name: 'nyc-shootings',
    description: 'New York City shootings 2019 (NYPD): one row per victim, a murder flag, dates to the day',
    mapping: {
      kind: 'incidents',
      source: 'nypd-shootings',
      timeZone: 'America/New_York',
      occurredAt: { column: 'occur_date' },
      location: lonLat,
      category: { column: 'murder', map: { TRUE: 'homicide', FALSE: 'assault_serious' } },
      defaultArea: 'new-york',
    },
    root: newYork,
    boundaries: null,
  },
  policeUk(
    'nottingham-burglary',
    'Nottingham burglaries 2022 (police.uk, OGL): months only, anonymised points',
    'burglary',
    nottingham,
  ),
  policeUk(
    'nottingham-robbery',
    'Nottingham robberies 2022 (police.uk, OGL): months only, anonymised points',
    'robbery',
    nottingham,
  ),
  policeUk(
    'lancashire-asb',
    'Lancashire anti-social behaviour 2022 (police.uk, OGL): months only, anonymised points; counted as public order',
    'public_order',
    lancashire,
  ),
  {
    name: 'medellin-homicides',
    description: 'Medellín homicides 2010–2019 (Medellín open data, CC BY-SA): ; separated, decimal commas',
    mapping: {
      kind: 'incidents',
      source: 'medellin-siedco',
      timeZone: 'America/Bogota',
      occurredAt: { column: 'fecha_hecho', format: localIso },
      location: { x: 'longitud', y: 'latitud', decimalComma: true },
      category: { value: 'homicide' },
      defaultArea: 'medellin',
    },
    root: medellin,
    boundaries: null,
  },
];

export function presetNamed(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}
