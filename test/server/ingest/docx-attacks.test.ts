import { describe, expect, it } from 'vitest';
import { lyingSizeDocx, redirectedMainDocx, renamedMainDocx } from '../../../scripts/fixtures/bad-files';
import { FormatError } from '../../../server/ingest/formats/errors';
import { extractDocument } from '../../../server/ingest/formats/index';

// Hostile DOCX files found by attacking the running server (issue 14, item 2). Built byte by byte by
// scripts/fixtures/bad-files.ts so that their headers can lie.

const refusal = (bytes: Uint8Array) =>
  extractDocument(bytes).then(
    () => null,
    (e: unknown) => e as FormatError,
  );

describe('a DOCX whose zip headers lie about sizes', () => {
  it('is refused as a zip bomb when a part inflates past its declared 3,700 bytes, without inflating it all', async () => {
    const file = lyingSizeDocx(400);
    expect(file.length).toBeLessThan(1024 * 1024); // 400 MB of zeros in under 1 MB
    const before = process.memoryUsage().rss;
    const err = await refusal(file);
    expect(err).toBeInstanceOf(FormatError);
    expect([err?.code, err?.zh]).toEqual(['format.zipBomb', 'DOCX 解压后体积异常巨大（疑似压缩炸弹），已拒绝读取']);
    expect(err?.message).toContain('word/styles.xml');
    // read in the engine process, not here; and the engine reads the next file
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    const next = await extractDocument(
      renamedMainDocx(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>下一个文件</w:t></w:r></w:p></w:body></w:document>',
      ),
    );
    expect(next.text).toContain('下一个文件');
  });
});

describe('a DOCX whose _rels/.rels names another part as the main document', () => {
  it('has that part checked: 12,000 root elements are refused as malformed, naming the part', async () => {
    const err = await refusal(redirectedMainDocx(12_000));
    expect(err?.code).toBe('format.corrupt');
    expect(err?.message).toMatch(/word\/other\.xml is not well-formed XML/);
  });

  it('is read from the part it names when that part is a good document', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>米易县丙谷镇2024年政府信息公开工作年度报告</w:t></w:r></w:p><w:p><w:r><w:t>主动公开政府信息50条。</w:t></w:r></w:p></w:body></w:document>';
    const x = await extractDocument(renamedMainDocx(xml));
    expect(x.format).toBe('docx');
    expect(x.text.split('\n').filter(Boolean)).toEqual(['米易县丙谷镇2024年政府信息公开工作年度报告', '主动公开政府信息50条。']);
  });

  it('holds that part to the body-size limit', async () => {
    const big = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p><w:r><w:t>重复段落</w:t></w:r></w:p>'.repeat(40_000)}</w:body></w:document>`;
    const err = await refusal(renamedMainDocx(big));
    expect(err?.code).toBe('format.tooLarge');
    expect(err?.message).toContain('word/main.xml');
  });
});
