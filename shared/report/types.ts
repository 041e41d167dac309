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
  /** What a web page says about itself (its ArticleTitle, PubDate, ContentSource meta tags). */
  page?: { title?: string | null; publishedOn?: string | null; source?: string | null };
  /** Names of the files a web page links: a page with no report of its own has it there. */
  attachments?: readonly string[];
  /** Scanned pages left unread (past the OCR limit): the report says so. */
  ocrSkipped?: number;
}
