import { describe, expect, it } from 'vitest';
import { decodeText, parseReport } from '../../../shared/report/index';
import { sampleText } from '../../helpers/samples';

const UNRELATED = `关于做好2024年冬春农田水利建设工作的通知
各村（社区）：
为切实做好今冬明春农田水利基本建设工作，现将有关事项通知如下。
一、提高思想认识。各村要充分认识农田水利建设的重要性，落实专人负责。
二、突出建设重点。重点抓好山坪塘整治 12 处、渠道清淤 30 余公里。
三、强化资金保障。统筹用好各级补助资金。
特此通知。
某某镇人民政府
2024年11月5日`;

describe('inputs that are not a report never throw', () => {
  it('empty input gives a report object saying it is empty', () => {
    const report = parseReport('');
    expect(report.findings.map((f) => f.code)).toEqual(['document.empty']);
    expect(report.proactive.total).toBeNull();
    expect(report.org.name).toBeNull();
  });

  it('random bytes decode and parse to a report object with findings', () => {
    const bytes = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    const report = parseReport(decodeText(bytes).text);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.map((f) => f.code)).not.toContain('parser.internal');
  });

  it('an unrelated Chinese document is said not to be a report', () => {
    const report = parseReport(UNRELATED);
    const finding = report.findings.find((f) => f.code === 'document.notReport');
    expect(finding?.message).toContain('不是政府信息公开工作年度报告');
    expect(report.proactive.total).toBeNull();
  });

  it('a truncated report keeps what it has and lists what is missing', () => {
    const text = sampleText('caochang');
    const report = parseReport(text.slice(0, Math.floor(text.length * 0.45)));
    expect(report.org.name).toBe('草场镇');
    expect(report.proactive.total).toBe(24);
    const c = report.findings.map((f) => f.code);
    expect(c).toContain('sections.missing');
    expect(c).not.toContain('parser.internal');
  });

  it('a non-string argument from untyped callers is read as an empty document', () => {
    const report = parseReport(undefined as unknown as string);
    expect(report.findings.map((f) => f.code)).toEqual(['document.empty']);
    expect(report.proactive.total).toBeNull();
  });
});
