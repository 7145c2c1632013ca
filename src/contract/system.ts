import Type, { type Static } from 'typebox';
import { partnerKinds, permissions, roles } from '../domain/role.js';
import { AreaSummary, Nullable } from './common.js';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  version: Type.String(),
  demo: Type.Boolean({ description: 'demo mode: the demo accounts may sign in' }),
  synthetic: Type.Boolean({ description: 'the database holds generated (synthetic) records' }),
  dataUntil: Nullable(Type.String({ description: 'the last local day with incidents' })),
  tileUrl: Nullable(Type.String({ description: 'optional raster tiles drawn under the boundaries' })),
  tileAttribution: Nullable(Type.String({ description: 'credit line of those tiles' })),
});
export type Health = Static<typeof Health>;

export const Role = Type.Enum(roles);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  scope: Nullable(AreaSummary),
  partnerKind: Nullable(Type.Enum(partnerKinds)),
  /** What the role may do (src/domain/role.ts): the web shows only what these allow. */
  permissions: Type.Array(Type.Enum(permissions)),
  demo: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const CategoryList = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      iccs: Type.String(),
      violent: Type.Boolean(),
      labels: Type.Object({ ar: Type.String(), fr: Type.String(), en: Type.String() }),
      section: Type.Object({
        code: Type.String(),
        labels: Type.Object({ ar: Type.String(), fr: Type.String(), en: Type.String() }),
      }),
    }),
  ),
});
export type CategoryList = Static<typeof CategoryList>;
