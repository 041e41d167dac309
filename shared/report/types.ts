import type { TemplateVersion } from './template';

export type SourceFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'doc' | 'image';
export type OrgKind = '乡' | '镇' | '街道' | '部门' | '县政府' | '其他';
export type Severity = 'error' | 'warning';

/** A figure read from a table cell: a number, or null when it could not be read. */
export type Figure = number | null;

export interface Span {
  /** Offsets in the original text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** 1-based line number of `start` in the original text. */
  line: number;
  /** Read by OCR from a scanned page or an image: 识别自扫描件，请核对. */
  ocr?: boolean;
}

export interface Finding {
  code: string;
  severity: Severity;
  field?: string;
  message: string;
}

export interface ProactiveCategory {
  label: string;
  category: string;
  count: Figure;
}

export interface ParsedReport {
  source: {
    file: string;
    sha256: string;
    format: SourceFormat;
    /** Parts of the text read by OCR (offsets, end exclusive); absent for a document with a text layer. */
    ocrRanges?: [number, number][];
  };
  org: { name: string | null; fullName: string | null; county: string | null; kind: OrgKind | null };
  year: number | null;
  publishedOn: string | null;
  template: TemplateVersion | null;
  proactive: {
    total: Figure;
    approx?: number | null;
    categories: ProactiveCategory[];
    /** Counts by publication channel (网站, 微信公众号…) — not categories. */
    channels: { label: string; count: Figure }[];
  };
  article20: Record<string, Record<string, Figure>>;
  applications: Record<string, Figure[]>;
  reviewLitigation: { review: Figure[]; litigationDirect: Figure[]; litigationAfterReview: Figure[] };
  sections: { problems: string; improvements: string; other: string };
  provenance: Record<string, Span>;
  findings: Finding[];
  /** Other names the report uses for its organisation (e.g. 新山乡 for 新山傈僳族乡). */
  orgAliases: string[];
}

export interface SourceInfo {
  file?: string;
  sha256?: string;
  format?: SourceFormat;
  /** The document's own title from its metadata (a PDF's Title), a source for the organisation and year. */
  title?: string;
  /** Parts of the text read by OCR (offsets in the text, end exclusive): their figures are marked. */
  ocrRanges?: readonly (readonly [number, number])[];
}
