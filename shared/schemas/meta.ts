/** Health, years, counties, organisations: what the filters are built from. */
import { type Static, Type } from 'typebox';
import { County, NullableString } from './common';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  /**
   * The document reader (the engine process): ready; starting (a file uploaded now waits for it, a
   * few seconds); idle (not started: it starts with the first file, ENGINE_PREWARM=false).
   */
  reader: Type.Union([Type.Literal('ready'), Type.Literal('starting'), Type.Literal('idle')]),
});
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

/** An organisation as the 单位 page manages it: every name it was written as, its current reports. */
export const OrganizationDetail = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  fullName: NullableString,
  kind: Type.String(),
  county: NullableString,
  aliases: Type.Array(Type.String()),
  reports: Type.Integer({ description: '现行报告数（各年度）' }),
});
export type OrganizationDetail = Static<typeof OrganizationDetail>;
export const OrganizationDetails = Type.Object({ organizations: Type.Array(OrganizationDetail) });
export type OrganizationDetails = Static<typeof OrganizationDetails>;

/** PATCH /api/organizations/:id: a new name and/or county (null: unassigned). */
export const OrganizationChange = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })),
    county: Type.Optional(Type.Union([Type.String({ minLength: 2, maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type OrganizationChange = Static<typeof OrganizationChange>;

/** POST /api/organizations/:id/merge: the organisation to merge into this one. */
export const OrganizationMerge = Type.Object({ from: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
