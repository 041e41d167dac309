import { Type } from '@fastify/type-provider-typebox';
import { METRIC_KEYS } from '../../../shared/metrics';

export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() }, { $id: 'Error' });
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));

export const Year = Type.Integer({ minimum: 1990, maximum: 2100, description: '报告所属年度' });
export const County = Type.String({ maxLength: 40, description: '县（区）名称；空字符串表示未分配县的单位' });
export const Metric = Type.Union(
  METRIC_KEYS.map((k) => Type.Literal(k)),
  { default: 'proactive', description: '排名指标' },
);
export const Id = Type.Integer({ minimum: 1, maximum: 2 ** 31 });
export const IdParams = Type.Object({ id: Id });

// `type: [x, 'null']` rather than anyOf: the serializer then writes these without trying each branch
export const NullableNumber = Type.Unsafe<number | null>({ type: ['number', 'null'] });
export const NullableInteger = Type.Unsafe<number | null>({ type: ['integer', 'null'] });
export const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
export const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String(), county: NullableString });

/** What became of one uploaded file. */
export const ImportResult = Type.Object({
  file: Type.String(),
  status: Type.Union([Type.Literal('imported'), Type.Literal('unchanged'), Type.Literal('replaced'), Type.Literal('failed')]),
  reportId: Type.Optional(Type.Integer()),
  organization: Type.Optional(OrgRef),
  year: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() })),
  errors: Type.Optional(Type.Integer()),
  warnings: Type.Optional(Type.Integer()),
});
