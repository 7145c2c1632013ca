import Type, { type Static } from 'typebox';
import { AreaCode, AreaSummary, Day, Nullable } from './common.js';

/** The public transparency figures (README: Public transparency page; src/analysis/public-stats.ts). */

export const publicLevelNames = ['region', 'province', 'city', 'arrondissement_prefecture', 'district'] as const;

export const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'a calendar month, YYYY-MM' });

export const PublicStatsQuery = Type.Object(
  {
    level: Type.Optional(Type.Enum(publicLevelNames, { description: 'the areas published (default city)' })),
    parent: Type.Optional(AreaCode),
    month: Type.Optional(Month),
  },
  { additionalProperties: false },
);
export type PublicStatsQuery = Static<typeof PublicStatsQuery>;

export const PublicHeadlinesQuery = Type.Object(
  { area: Type.Optional(AreaCode), month: Type.Optional(Month) },
  { additionalProperties: false },
);
export type PublicHeadlinesQuery = Static<typeof PublicHeadlinesQuery>;

const Withheld = (description: string) => Nullable(Type.Number({ description: `${description}; null when withheld` }));

export const PublicHeadlines = Type.Object({
  area: AreaSummary,
  month: Month,
  from: Day,
  to: Day,
  k: Type.Integer(),
  synthetic: Type.Boolean(),
  clearance: Type.Object({
    incidents: Withheld('incidents recorded in the month'),
    solvedPct: Withheld('% of them solved so far (solved and unsolved each k or more)'),
    violentIncidents: Withheld('violent incidents'),
    violentSolvedPct: Withheld('% of violent incidents solved'),
  }),
  response: Type.Object({
    calls: Withheld('calls for service received'),
    arrivalMedianMinutes: Withheld('median minutes from the call to a unit on scene'),
    arrivalP90Minutes: Withheld('90th percentile of the same'),
    withinStandardPct: Withheld('% of calls with a unit on scene within the standard of their priority'),
  }),
});
export type PublicHeadlines = Static<typeof PublicHeadlines>;

export const PublicCsvQuery = Type.Object(
  {
    level: Type.Optional(Type.Enum(publicLevelNames)),
    parent: Type.Optional(AreaCode),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
  },
  { additionalProperties: false },
);
export type PublicCsvQuery = Static<typeof PublicCsvQuery>;

const Figure = {
  count: Nullable(Type.Integer({ description: 'null when withheld' })),
  ratePer100k: Nullable(Type.Number()),
  withheld: Type.Boolean({ description: 'below k, or a figure that would give one back by subtraction' }),
};

export const PublicStats = Type.Object({
  month: Month,
  from: Day,
  to: Day,
  level: Type.Enum(publicLevelNames),
  k: Type.Integer({ description: 'counts below k are never published' }),
  synthetic: Type.Boolean({ description: 'the figures come from generated demo data' }),
  areas: Type.Array(
    Type.Object({
      area: AreaSummary,
      parent: Nullable(Type.String()),
      total: Type.Object(Figure),
      categories: Type.Array(Type.Object({ category: Type.String(), ...Figure })),
    }),
  ),
});
export type PublicStats = Static<typeof PublicStats>;
