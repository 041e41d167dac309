import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectFiles, importFiles } from '../../../server/ingest/import-files';
import { importDocument } from '../../../server/ingest/import-report';
import { loadSamplesIfEmpty, SAMPLES_DIR } from '../../../server/ingest/samples';
import { listReportHistory } from '../../../server/queries/reports/list-report-history';
import { listCurrentReports } from '../../../server/queries/reports/list-reports';
import { rowCounts, sqlAll, tempDatabase } from '../../helpers/db';
import { ROOT, SAMPLE_FILES, sampleText } from '../../helpers/samples';

let t: Awaited<ReturnType<typeof tempDatabase>>;
beforeEach(async () => {
  t = await tempDatabase();
});
afterEach(() => t.close());

const q = async <T>(sql: string, ...params: unknown[]) => (await sqlAll(t.db, sql, ...params)) as T[];
const importText = async (text: string, fileName: string, county: string | null = null) =>
  importDocument(t.db, { bytes: Buffer.from(text, 'utf8'), fileName, county, importedBy: 'test' });

describe('importing the five samples', () => {
  it('gives 5 reports of 5 organisations with their proactive totals and all 7×25 application cells', async () => {
    const summary = await importFiles(t.db, collectFiles([SAMPLES_DIR]), { importedBy: 'test' });
    expect(summary.counts).toEqual({ imported: 5, unchanged: 0, replaced: 0, failed: 0 });
    expect((await q<{ n: number }>('select count(*) n from reports'))[0]?.n).toBe(5);
    expect((await q<{ n: number }>('select count(*) n from organizations'))[0]?.n).toBe(5);
    const totals = await q<{ name: string; year: number; proactive_total: number; county: string | null }>(
      'select o.name, r.year, r.proactive_total, o.county from reports r join organizations o on o.id = r.organization_id order by r.id',
    );
    expect(totals).toEqual([
      { name: '新山傈僳族乡', year: 2024, proactive_total: 75, county: '米易县' },
      { name: '草场镇', year: 2024, proactive_total: 24, county: '米易县' },
      { name: '丙谷镇', year: 2024, proactive_total: 50, county: '米易县' },
      { name: '小铺乡', year: 2024, proactive_total: 503, county: null },
      { name: '普威镇', year: 2023, proactive_total: 94, county: '米易县' },
    ]);
    const cells = await q<{ report_id: number; n: number; rows: number }>(
      "select report_id, count(*) n, count(distinct row_key) rows from table_figures where table_name = 'applications' group by report_id",
    );
    expect(cells.map((c) => [c.n, c.rows])).toEqual(Array(5).fill([175, 25]));
    const all = await q<{ n: number }>('select count(*) n from table_figures group by report_id');
    expect(all.map((c) => c.n)).toEqual([200, 200, 200, 200, 200]);
    const cats = await q<{ label: string; category: string; count: number }>(
      'select label, category, count from proactive_categories where report_id = 1 order by position',
    );
    expect(cats).toEqual([
      { label: '工作动态信息', category: '工作动态', count: 34 },
      { label: '通知公告', category: '通知公告', count: 8 },
      { label: '图片展示信息', category: '图片展示', count: 11 },
      { label: '组织机构等信息', category: '机构职能', count: 22 },
    ]);
  });

  it('keeps the original bytes and their sha256', async () => {
    await importFiles(t.db, collectFiles([SAMPLES_DIR]), { importedBy: 'test' });
    const [doc] = await q<{ bytes: Buffer; file_name: string; imported_by: string }>(
      'select bytes, file_name, imported_by from source_documents where file_name = ?',
      SAMPLE_FILES.binggu,
    );
    expect(doc?.bytes.equals(readFileSync(join(SAMPLES_DIR, SAMPLE_FILES.binggu)))).toBe(true);
    expect(doc?.imported_by).toBe('test');
  });

  it('re-importing gives "unchanged" for all five and writes no row', async () => {
    await importFiles(t.db, collectFiles([SAMPLES_DIR]), { importedBy: 'test' });
    const before = await rowCounts(t.db);
    const again = await importFiles(t.db, collectFiles([SAMPLES_DIR]), { importedBy: 'test' });
    expect(again.counts).toEqual({ imported: 0, unchanged: 5, replaced: 0, failed: 0 });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('loads the samples into an empty database only', async () => {
    expect((await loadSamplesIfEmpty(t.db))?.counts.imported).toBe(5);
    expect(await loadSamplesIfEmpty(t.db)).toBeNull();
    expect((await q<{ n: number }>('select count(*) n from reports'))[0]?.n).toBe(5);
  });
});

describe('a new version of a report', () => {
  it('replaces the current one; the old stays in history; the 2024 query sees only the new', async () => {
    await importFiles(t.db, collectFiles([SAMPLES_DIR]), { importedBy: 'test' });
    const corrected = sampleText('xinshan').replace('主动公开信息 75 条', '主动公开信息 76 条');
    const result = await importText(corrected, '新山乡2024年报（更正）.txt');
    expect(result.status).toBe('replaced');

    const current = await listCurrentReports(t.db, 2024);
    expect(current.map((r) => [r.name, r.proactiveTotal])).toEqual([
      ['丙谷镇', 50],
      ['小铺乡', 503],
      ['新山傈僳族乡', 76],
      ['草场镇', 24],
    ]);
    const orgId = result.organization?.id as number;
    const history = await listReportHistory(t.db, orgId, 2024);
    expect(history.map((h) => [h.proactiveTotal, h.isCurrent])).toEqual([
      [76, true],
      [75, false],
    ]);
    expect(history[1]?.supersededById).toBe(result.reportId);
    expect(history[1]?.fileName).toBe(SAMPLE_FILES.xinshan);
  });
});

describe('organisation identity', () => {
  it('resolves 新山乡 and 新山傈僳族乡 to one organisation', async () => {
    const first = await importText(sampleText('xinshan'), 'a.txt');
    const shortName = sampleText('xinshan')
      .replace('米易县新山傈僳族乡人民政府', '米易县新山乡人民政府')
      .replace(/2024/g, '2023')
      .replace(/2025/g, '2024');
    const second = await importText(shortName, 'b.txt');
    expect(second.status).toBe('imported');
    expect(second.organization?.id).toBe(first.organization?.id);
    expect(second.organization?.name).toBe('新山傈僳族乡');
    expect((await q<{ n: number }>('select count(*) n from organizations'))[0]?.n).toBe(1);
    const aliases = (await q<{ alias: string }>('select alias from organization_aliases order by alias')).map((a) => a.alias);
    expect(aliases).toEqual(expect.arrayContaining(['新山乡', '新山傈僳族乡', '米易县新山傈僳族乡人民政府']));
  });

  it('takes the official name when the short one came first', async () => {
    const shortName = sampleText('xinshan')
      .replace('米易县新山傈僳族乡人民政府', '米易县新山乡人民政府')
      .replace(/2024/g, '2023');
    const a = await importText(shortName, 'a.txt');
    expect(a.organization?.name).toBe('新山乡');
    const b = await importText(sampleText('xinshan'), 'b.txt');
    expect(b.organization?.id).toBe(a.organization?.id);
    expect(b.organization?.name).toBe('新山傈僳族乡');
  });

  it('keeps 草场镇 and 丙谷镇 apart, and a same-named town of another county apart', async () => {
    const a = await importText(sampleText('caochang'), 'a.txt');
    const b = await importText(sampleText('binggu'), 'b.txt');
    expect(a.organization?.id).not.toBe(b.organization?.id);
    const elsewhere = await importText(sampleText('caochang').replace(/米易县/g, '盐边县'), 'c.txt');
    expect(elsewhere.status).toBe('imported');
    expect(elsewhere.organization?.id).not.toBe(a.organization?.id);
    expect(elsewhere.organization?.county).toBe('盐边县');
  });

  it('gives 小铺乡 the county given at import, else leaves it unassigned', async () => {
    expect((await importText(sampleText('xiaopu'), 'a.txt')).organization?.county).toBeNull();
    const t2 = await tempDatabase();
    try {
      const r = await importDocument(t2.db, {
        bytes: Buffer.from(sampleText('xiaopu')),
        fileName: 'a.txt',
        county: '米易县',
        importedBy: 'test',
      });
      expect(r.organization).toMatchObject({ name: '小铺乡', county: '米易县' });
    } finally {
      t2.close();
    }
  });
});

describe('a folder with bad files', () => {
  it('imports the reports; each bad file fails alone with its reason', async () => {
    const dir = join(t.dir, 'inbox');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, SAMPLE_FILES.caochang), sampleText('caochang'));
    writeFileSync(join(dir, 'sub', SAMPLE_FILES.puwei), sampleText('puwei'));
    writeFileSync(join(dir, 'random.bin'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(
      join(dir, 'notice.txt'),
      '关于做好春节期间安全生产工作的通知\n各村：请做好安全生产工作。\n某镇人民政府\n2024年1月5日',
    );
    writeFileSync(join(dir, 'scan.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100)]));
    writeFileSync(join(dir, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    writeFileSync(join(dir, 'empty.txt'), '');
    const summary = await importFiles(t.db, collectFiles([dir]), { importedBy: 'test' });
    expect(summary.counts).toEqual({ imported: 2, unchanged: 0, replaced: 0, failed: 5 });
    const reasons = Object.fromEntries(summary.results.filter((r) => r.status === 'failed').map((r) => [r.file, r.reason?.zh]));
    expect(reasons['random.bin']).toContain('无法识别的文件格式');
    expect(reasons['notice.txt']).toContain('不是政府信息公开工作年度报告');
    expect(reasons['scan.pdf']).toContain('PDF');
    expect(reasons['old.doc']).toContain('.doc');
    expect(reasons['empty.txt']).toContain('空');
    expect((await q<{ n: number }>('select count(*) n from source_documents'))[0]?.n).toBe(2);
  });
});

describe('published formats', () => {
  it('imports a folder of web pages, PDFs and DOCX files like the text', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'formats');
    const files = ['001.html', '002.pdf', '004.docx'].map((f) => join(dir, f));
    const summary = await importFiles(t.db, files, { importedBy: 'test' });
    expect(summary.counts.imported).toBe(3);
    const rows = await q<{ name: string; proactive_total: number; format: string; media_type: string }>(
      'select o.name, r.proactive_total, d.format, d.media_type from reports r join organizations o on o.id = r.organization_id join source_documents d on d.id = r.source_document_id order by r.id',
    );
    expect(rows.map((r) => [r.name, r.proactive_total, r.format])).toEqual([
      ['草场镇', 24, 'html'],
      ['丙谷镇', 50, 'pdf'],
      ['普威镇', 94, 'docx'],
    ]);
    expect(rows[1]?.media_type).toBe('application/pdf');
  });
});
