/**
 * Where a PDF's text sits on its pages, as kept beside the original (source_documents.layout): the
 * reader (ingest/formats/pdf-pages.ts) writes it, the report page's 原件 view (queries/reports/original.ts)
 * reads it. Points, origin at the bottom left, as PDFium gives them.
 */

/** A rectangle on a page. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A piece of the document's text, offsets [from, to), and where it sits: page (0-based) and box. */
export interface LayoutSpan {
  page: number;
  from: number;
  to: number;
  box: Box;
}

/** Where the text of a PDF sits on its pages: kept beside the text, to show a figure in the original. */
export interface PdfLayout {
  pages: { width: number; height: number }[];
  pageStarts: number[];
  spans: LayoutSpan[];
}
