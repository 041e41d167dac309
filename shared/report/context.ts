import type { MappedText } from './mapped-text';
import { lineOf, lineStarts } from './mapped-text';
import type { Finding, Severity, Span } from './types';

/** What every step writes to: where each figure was read, and what was found wrong. */
export class ParseContext {
  readonly findings: Finding[] = [];
  readonly provenance: Record<string, Span> = {};
  private starts: number[] | null = null;

  constructor(
    readonly original: string,
    readonly norm: MappedText,
  ) {}

  /** Records where `path` was read, given offsets in `view` (a view mapped to the original). */
  locate(path: string, view: MappedText, start: number, end: number): void {
    const s = view.map[start] ?? 0;
    const e = end > start ? (view.map[end - 1] ?? s) + 1 : s;
    this.starts ??= lineStarts(this.original);
    this.provenance[path] = { start: s, end: Math.max(s, e), line: lineOf(this.starts, s) };
  }

  add(code: string, severity: Severity, message: string, field?: string): void {
    const f: Finding = { code, severity, message };
    if (field !== undefined) f.field = field;
    this.findings.push(f);
  }

  has(code: string): boolean {
    return this.findings.some((f) => f.code === code);
  }
}
