import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { BulletinModel } from '../../shared/evaluation/bulletin';

// 公文 fonts: 方正小标宋 for the title, 黑体 for first-level headings, 仿宋 for the text (三号 = 16 pt)
const TITLE_FONT = { ascii: 'SimHei', eastAsia: '方正小标宋简体', hAnsi: 'SimHei' };
const HEADING_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };
const BODY = 32;
const LINE = { line: 560, lineRule: 'exact' as const }; // 28 磅 line spacing

const text = (t: string, font = BODY_FONT, size = BODY, bold = false) => new TextRun({ text: t, font, size, bold });

/** The 通报 as an editable Word file: the model's words, the ranking chart, and the 附表. */
export async function bulletinDocx(m: BulletinModel, chartPng: Buffer | null): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [text(m.docNumber)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [text(m.title, TITLE_FONT, 44)],
    }),
    new Paragraph({ spacing: LINE, children: [text(m.recipients)] }),
  ];
  for (const b of m.blocks) {
    if (b.kind === 'heading') {
      body.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [text(b.text, HEADING_FONT)] }));
    } else if (b.kind === 'paragraph') {
      body.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [text(b.text)] }));
    } else if (chartPng) {
      body.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'png',
              data: chartPng,
              transformation: { width: 560, height: Math.round((560 * pngHeight(chartPng)) / pngWidth(chartPng)) },
              altText: { name: 'chart', title: b.text, description: b.text },
            }),
          ],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`图：${b.text}`, BODY_FONT, 24)] }),
      );
    }
  }
  body.push(
    new Paragraph({ spacing: { before: 600, ...LINE }, alignment: AlignmentType.RIGHT, children: [text(m.signature)] }),
    new Paragraph({ spacing: LINE, alignment: AlignmentType.RIGHT, children: [text(m.issuedOn)] }),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ spacing: LINE, children: [text(m.table.title, HEADING_FONT)] }),
  );
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  // column widths (per cent) by header; the deductions, the longest text, left-aligned
  const WIDTH: Record<string, number> = {
    排名: 8,
    '类别（分别排名）': 12,
    单位: 20,
    发布日期: 15,
    '主动公开（条）': 13,
    扣分项: 34,
    得分: 10,
  };
  const total = m.table.headers.reduce((s, h) => s + (WIDTH[h] ?? 10), 0);
  const cell = (t: string, i: number, bold = false) =>
    new TableCell({
      borders,
      width: { size: Math.round(((WIDTH[m.table.headers[i] ?? ''] ?? 10) / total) * 100), type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: m.table.headers[i] === '扣分项' ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [text(t, BODY_FONT, 21, bold)],
        }),
      ],
    });
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: m.table.headers.map((h, i) => cell(h, i, true)) }),
        ...m.table.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, i)) })),
      ],
    }),
  );
  const doc = new Document({
    creator: '政务公开年报看板',
    title: m.title,
    sections: [
      {
        // A4, 公文 margins (top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm), in twentieths of a point
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        // the page number in the footer as 公文 print it: `— 1 —`, 4号 (14 pt), centred
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: 'SimSun' })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// a PNG's IHDR: width and height as big-endian integers at bytes 16 and 20
const pngWidth = (png: Buffer) => png.readUInt32BE(16);
const pngHeight = (png: Buffer) => png.readUInt32BE(20);
