/**
 * Pieces every API schema uses. The schemas in this folder are the API's one written contract:
 * the server validates and serialises with them, the OpenAPI document is generated from them, and
 * the dashboard's types are inferred from them (`Static<typeof …>`).
 */
import { type Static, Type } from 'typebox';
import { METRIC_KEYS } from '../metrics';

export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() }, { $id: 'Error' });
export type ErrorBody = Static<typeof ErrorBody>;
/** The error answers of a route: each status code with the `{ error, message }` body. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));

export const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '报告所属年度' });
export const County = Type.String({ maxLength: 40, description: '县（区）名称；空字符串表示未分配县的单位' });
export const Metric = Type.Unsafe<string>({
  type: 'string',
  enum: [...METRIC_KEYS],
  default: 'proactive',
  description: '排名指标',
});
export const Id = Type.Integer({ minimum: 1, maximum: 2 ** 31 });
export const IdParams = Type.Object({ id: Id });

// `type: [x, 'null']` rather than anyOf: the serializer then writes these without trying each branch
export const NullableNumber = Type.Unsafe<number | null>({ type: ['number', 'null'] });
export const NullableInteger = Type.Unsafe<number | null>({ type: ['integer', 'null'] });
export const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
export const NullableBoolean = Type.Unsafe<boolean | null>({ type: ['boolean', 'null'] });

/** An organisation as lists name it. */
export const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String(), county: NullableString });
export type OrgRef = Static<typeof OrgRef>;

/** An answer with no body (204). */
export const NoContent = Type.Null();

/** A kind of unit, ranked apart from the others (shared/unit-groups.ts). */
export const UnitGroupKey = Type.Union(
  [Type.Literal('township'), Type.Literal('department'), Type.Literal('government'), Type.Literal('other')],
  { description: 'township 乡镇（街道） · department 县直部门 · government 县（区）政府 · other 其他单位' },
);
