/**
 * The roster workbook (应报单位名单, .xlsx) an admin imports on the 考核 page: the unit names on its
 * first sheet, in the column headed 单位 or 名称 (else column A). Read in the document engine
 * process (engine-process.ts), like any uploaded document: a large or hostile workbook costs the
 * server nothing.
 */
import ExcelJS from 'exceljs';
import { FormatError } from './errors';
import { sniff } from './sniff';

export const MAX_ROSTER_NAMES = 500;

const bad = (zh: string, en: string) => new FormatError('format.corrupt', zh, en);

export async function rosterNames(bytes: Uint8Array): Promise<string[]> {
  // an .xlsx is a zip; an old .xls is an OLE compound file
  const kind = sniff(bytes);
  if (kind === 'ole') throw bad('这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入', 'an old .xls workbook');
  if (kind !== 'zip') throw bad('不是 Excel 工作簿（.xlsx）文件', 'not an .xlsx workbook');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw bad('Excel 文件已损坏或无法读取', 'workbook cannot be read');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw bad('Excel 文件中没有工作表', 'workbook without sheets');
  const cellText = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'richText' in (v as object))
      return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
    if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result ?? '');
    return String(v);
  };
  let column = 1;
  let firstRow = 1;
  sheet.eachRow((row, n) => {
    if (firstRow !== 1 || n > 10) return;
    row.eachCell((cell, c) => {
      if (firstRow === 1 && /单位|名称/.test(cellText(cell.value))) {
        column = c;
        firstRow = n + 1;
      }
    });
  });
  const names: string[] = [];
  sheet.eachRow((row, n) => {
    if (n < firstRow) return;
    const t = cellText(row.getCell(column).value).trim();
    if (t) names.push(t);
  });
  if (names.length === 0) {
    throw bad('Excel 文件中没有找到单位名称（第一张工作表，“单位名称”一列或第一列）', 'no unit names in the workbook');
  }
  if (names.length > MAX_ROSTER_NAMES) {
    throw bad(
      `名单有 ${names.length} 行，一次最多导入 ${MAX_ROSTER_NAMES} 个单位`,
      `${names.length} names, over ${MAX_ROSTER_NAMES}`,
    );
  }
  return names;
}
