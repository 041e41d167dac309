/** Health, years, counties, organisations: what the filters are built from. */
import { type Static, Type } from 'typebox';
import { County, NullableString } from './common';

export const Health = Type.Object({ status: Type.Literal('ok') });
export const Unhealthy = Type.Object({ status: Type.Literal('error'), message: Type.String() });
export const Status = Type.Object({ demo: Type.Boolean() });
export type Status = Static<typeof Status>;

export const Years = Type.Object({ years: Type.Array(Type.Object({ year: Type.Integer(), reports: Type.Integer() })) });
export type Years = Static<typeof Years>;

export const Counties = Type.Object({
  counties: Type.Array(Type.Object({ county: NullableString, organizations: Type.Integer() })),
});
export type Counties = Static<typeof Counties>;

export const OrganizationsQuery = Type.Object({ county: Type.Optional(County) }, { additionalProperties: false });
export type OrganizationsQuery = Static<typeof OrganizationsQuery>;

export const Organization = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  fullName: NullableString,
  kind: Type.String(),
  county: NullableString,
});
export type Organization = Static<typeof Organization>;
export const Organizations = Type.Object({ organizations: Type.Array(Organization) });
export type Organizations = Static<typeof Organizations>;
