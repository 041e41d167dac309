export { CANONICAL_CATEGORIES, canonicalCategory } from './categories';
export { cellValue, reportCells } from './cells';
export { decodeText, sniffTextFormat } from './decode';
export { aliasesOf, parseOrgName, sameOrg, unitNameProblem } from './org-name';
export { parseReport } from './parse';
export * from './template';
export type * from './types';
export { READER_VERSION } from './version';
