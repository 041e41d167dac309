import { eq } from 'drizzle-orm';
import type { FigureBox } from '../../../shared/schemas/index';
import type { Db } from '../../db/client';
import type { PdfLayout } from '../../db/layout';
import { reports, sourceDocuments } from '../../db/schema';
import { getReport } from './get-report';

/**
 * Where a figure stands in a PDF original: the page and the box (PDF points, origin bottom left)
 * around the digits it was read from — the layout pieces its span covers on its first page (a piece
 * covered in part, by its share of the width). Null when the original is not a PDF or the figure was not read from its text.
 */
export async function figureBox(db: Db, reportId: number, field: string): Promise<FigureBox | null> {
  const doc = await db
    .select({ layout: sourceDocuments.layout, text: sourceDocuments.extractedText })
    .from(reports)
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, reports.sourceDocumentId))
    .where(eq(reports.id, reportId))
    .get();
  if (!doc?.layout) return null;
  const report = await getReport(db, reportId);
  const span = report?.provenance[field];
  if (!span) return null;
  const layout = JSON.parse(doc.layout) as PdfLayout;
  // the figure's digits, not its unit (2428条 → 2428)
  const read = doc.text.slice(span.start, span.end);
  const digits = /\d[\d,.]*/.exec(read);
  const start = digits ? span.start + digits.index : span.start;
  const end = digits ? start + digits[0].length : span.end;
  const covered = layout.spans.filter((s) => s.from < end && s.to > start);
  const first = covered[0];
  if (!first) return null;
  // a piece covered in part: its share of the width (a line's pieces hold runs of like characters)
  const boxes = covered
    .filter((s) => s.page === first.page)
    .map((s) => {
      const n = Math.max(1, s.to - s.from);
      const w = s.box.x1 - s.box.x0;
      const a = Math.max(start, s.from) - s.from;
      const b = Math.min(end, s.to) - s.from;
      return { ...s.box, x0: s.box.x0 + (w * a) / n, x1: s.box.x0 + (w * b) / n };
    });
  const box = {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
  const size = layout.pages[first.page] ?? { width: 595, height: 842 };
  return { field, page: first.page, pages: layout.pages.length, pageWidth: size.width, pageHeight: size.height, box };
}
