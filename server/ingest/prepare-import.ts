import { createHash } from 'node:crypto';
import { cellValue, parseReport, templateCells } from '../../shared/report/index';
import { parseOrgName } from '../../shared/report/org-name';
import type { ParsedReport } from '../../shared/report/types';
import type { ImportResult } from '../../shared/schemas/index';
import { isDiskFull } from '../db/write';
import type { EngineProgress } from './formats/engine';
import { type Extracted, extractDocument, FormatError, sourceInfo } from './formats/index';
import { identityOf, type OrgIdentity } from './identity';

export type { ImportResult, ImportStatus } from '../../shared/schemas/index';

export interface ImportInput {
  bytes: Uint8Array;
  fileName: string;
  /** County for reports that do not name one (`--county`). */
  county?: string | null;
  importedBy: string;
  /** The uploader's address, for the audit log (null from the command line). */
  ip?: string | null;
  /** The unit the uploader chose for a report whose text names none (an existing unit's id, or a new name). */
  unit?: { organizationId: number } | { name: string } | null;
}

/** Everything a report's transaction writes, computed without the database (so a worker can do it). */
export interface PreparedReport {
  file: string;
  sha256: string;
  bytes: Uint8Array;
  text: string;
  format: string;
  mediaType: string;
  importedBy: string;
  ip: string | null;
  identity: OrgIdentity;
  year: number;
  template: string | null;
  publishedOn: string | null;
  publishedFrom: 'signature' | 'page' | null;
  proactiveTotal: number | null;
  proactiveApprox: number | null;
  categories: ParsedReport['proactive']['categories'];
  /**
   * For the template's cells in order (templateCells), four numbers each: value, start, end, line;
   * NaN for null. A typed array crosses from a worker thread without per-object cloning.
   */
  cells: Float64Array;
  findings: ParsedReport['findings'];
  errors: number;
  warnings: number;
  /** The contract object as JSON, cell provenance left to the cell rows. */
  parsedJson: string;
  /** A PDF's layout (page and box of each piece of its text) as JSON, else null. */
  layout: string | null;
}

export const failed = (file: string, zh: string, en: string): ImportResult => ({ file, status: 'failed', reason: { zh, en } });

/** Why a file could not be read or imported, for an error the readers did not expect. */
export function failureOf(file: string, err: unknown): ImportResult {
  if (isDiskFull(err)) {
    return failed(file, '服务器磁盘空间不足，本文件没有导入（没有写入任何内容），请联系管理员清理磁盘后重新导入', 'disk full');
  }
  const code = (err as NodeJS.ErrnoException).code;
  return code
    ? failed(file, `无法读取文件（${code}）`, `cannot read file: ${code}`)
    : failed(file, '导入时发生内部错误，已跳过此文件', `internal error: ${(err as Error).message}`);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a parsed document cannot become a report row, or null when it can. */
function refusal(report: ParsedReport): { zh: string; en: string } | null {
  const codes = new Set(report.findings.map((f) => f.code));
  if (codes.has('document.empty')) return { zh: '文件没有可读取的文字', en: 'no text in the document' };
  const attachmentOnly = report.findings.find((f) => f.code === 'document.attachmentOnly');
  if (attachmentOnly)
    return { zh: `${attachmentOnly.message}，请导入附件`, en: 'the page only links the report as an attachment' };
  if (codes.has('document.notReport')) {
    return { zh: '不是政府信息公开工作年度报告（未找到报告的章节和统计表）', en: 'not an annual disclosure report' };
  }
  if (report.year === null) return { zh: '无法识别报告所属年度', en: 'report year not found' };
  return null;
}

/** A report whose text names no unit: kept, and the uploader asked to choose one. */
const unitUnknown = (file: string): ImportResult => ({
  ...failed(file, '无法识别报告所属单位名称：请在导入页为它选择已有单位或新建单位后导入', 'organisation name not found'),
  unitUnknown: true,
});

/** The identity of the unit an uploader chose, for a report whose text names none; it says so in a finding. */
function chosenIdentity(report: ParsedReport, input: ImportInput, unit: NonNullable<ImportInput['unit']>): OrgIdentity {
  const by = input.importedBy;
  // the uploader settled what the parser could not: its 'no name' findings give way to the one saying who chose
  report.findings = report.findings.filter((f) => f.code !== 'org.missing' && f.code !== 'org.unconfirmed');
  if ('organizationId' in unit) {
    report.findings.push({
      code: 'org.assigned',
      severity: 'warning',
      field: 'org.name',
      message: `报告中未能识别单位名称，导入时由 ${by} 指定所属单位`,
    });
    return { name: '', fullName: null, kind: '其他', county: null, aliases: [], organizationId: unit.organizationId };
  }
  const name = unit.name.trim();
  const parsed = parseOrgName(name);
  report.findings.push({
    code: 'org.assigned',
    severity: 'warning',
    field: 'org.name',
    message: `报告中未能识别单位名称，导入时由 ${by} 指定为“${name}”`,
  });
  return {
    name: parsed?.name ?? name,
    fullName: parsed && parsed.fullName !== parsed.name ? parsed.fullName : null,
    kind: parsed?.kind ?? '其他',
    county: parsed?.county ?? report.org.county ?? input.county ?? null,
    aliases: [...new Set([name, parsed?.name ?? name])],
  };
}

const CELL_PATH = /^(?:article20|applications|reviewLitigation)\./;

/** Reads, parses and shapes one file for writing; a file that cannot be a report gets its reason. */
export async function prepareImport(
  input: ImportInput,
  sha256 = sha256Of(input.bytes),
  onProgress?: (p: EngineProgress) => void,
): Promise<PreparedReport | ImportResult> {
  const file = input.fileName;
  let extracted: Extracted;
  try {
    extracted = await extractDocument(input.bytes, onProgress ? { onProgress } : {});
  } catch (err) {
    if (err instanceof FormatError) return failed(file, err.zh, err.message);
    throw err;
  }
  const parsed = parseReport(extracted.text, sourceInfo(extracted, { file, sha256 }));
  const refused = refusal(parsed);
  if (refused) return failed(file, refused.zh, refused.en);
  if (parsed.org.name === null && !input.unit) return unitUnknown(file);
  const identity =
    parsed.org.name === null && input.unit ? chosenIdentity(parsed, input, input.unit) : identityOf(parsed, input.county ?? null);
  if (!identity || parsed.year === null) return failed(file, '无法识别单位或年度', 'organisation or year not found');
  const errors = parsed.findings.filter((f) => f.severity === 'error').length;
  const proseProvenance = Object.fromEntries(Object.entries(parsed.provenance).filter(([path]) => !CELL_PATH.test(path)));
  return {
    file,
    sha256,
    bytes: input.bytes,
    text: extracted.text,
    format: extracted.format,
    mediaType: extracted.mediaType,
    importedBy: input.importedBy,
    ip: input.ip ?? null,
    identity,
    year: parsed.year,
    template: parsed.template,
    publishedOn: parsed.publishedOn,
    publishedFrom: parsed.publishedFrom ?? null,
    proactiveTotal: parsed.proactive.total,
    proactiveApprox: parsed.proactive.approx ?? null,
    categories: parsed.proactive.categories,
    cells: packCells(parsed),
    findings: parsed.findings,
    errors,
    warnings: parsed.findings.length - errors,
    parsedJson: JSON.stringify({ ...parsed, provenance: proseProvenance }),
    layout: extracted.layout ? JSON.stringify(extracted.layout) : null,
  };
}

function packCells(parsed: ParsedReport): Float64Array {
  const cells = templateCells(parsed.template ?? '2021');
  const packed = new Float64Array(cells.length * 4);
  cells.forEach((cell, i) => {
    const span = parsed.provenance[cell.path];
    packed[i * 4] = cellValue(parsed, cell) ?? Number.NaN;
    packed[i * 4 + 1] = span?.start ?? Number.NaN;
    packed[i * 4 + 2] = span?.end ?? Number.NaN;
    packed[i * 4 + 3] = span?.line ?? Number.NaN;
  });
  return packed;
}

export function isPrepared(x: PreparedReport | ImportResult): x is PreparedReport {
  return 'parsedJson' in x;
}
