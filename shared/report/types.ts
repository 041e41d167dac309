import type { SourceFormat } from '../schemas/report';

// The contract's types are inferred from its schema (shared/schemas/report.ts), written once.
export type {
  Figure,
  Finding,
  OrgKind,
  ParsedReport,
  ProactiveCategory,
  Severity,
  SourceFormat,
  Span,
} from '../schemas/report';

export interface SourceInfo {
  file?: string;
  sha256?: string;
  format?: SourceFormat;
  /** The document's own title from its metadata (a PDF's Title), a source for the organisation and year. */
  title?: string;
  /** Parts of the text read by OCR (offsets in the text, end exclusive): their figures are marked. */
  ocrRanges?: readonly (readonly [number, number])[];
}
