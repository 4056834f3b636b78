import { inflateRawSync } from 'node:zlib';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cell, xlsxStream, type XlsxColumn, type XlsxValue } from './xlsx-stream';

/** The entries of a zip, by name (central directory; the writer puts sizes there). */
function unzip(zip: Buffer): Map<string, string> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26);
    out.set(name, inflateRawSync(zip.subarray(data, data + compressed)).toString('utf8'));
    at += 46 + nameLength;
  }
  return out;
}

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const COLUMNS: XlsxColumn[] = [
  { header: '文本', key: 'text', width: 20 },
  { header: '数值', key: 'number', width: 10 },
  { header: '比率', key: 'rate', width: 10, format: 'percent' },
  { header: '时间', key: 'at', width: 18, format: 'dateTime' },
];

const TEXTS = [
  'plain',
  '',
  ' leading space',
  'trailing space ',
  'a & b < c > d "quoted"',
  'bell\u0007 nul\u0000 tab\t line\nfeed\r del\u007f',
  '中文 & <标签> 市场监督管理局',
  'emoji 😀 and a lone surrogate \ud800 end',
  '办件\u0001编号',
  'x'.repeat(100_000) + '长',
  'a low surrogate \udc00 alone, then one at the end \ud83d',
  'é ß ¥ € 𠀀 two, three and four bytes',
];
const NUMBERS: XlsxValue[] = [0, 7, -3, 0.875, 1e21, NaN, Infinity, null, undefined];

function rowsOf(n: number): Record<string, XlsxValue>[] {
  return Array.from({ length: n }, (_, i) => ({
    text: TEXTS[i % TEXTS.length],
    number: NUMBERS[i % NUMBERS.length],
    rate: i % 5 === 0 ? null : (i % 100) / 100,
    at: i % 7 === 0 ? undefined : new Date(Date.UTC(2026, 10, 1 + (i % 28), i % 24, i % 60)),
  }));
}

describe('xlsxStream', () => {
  it('writes every cell as the string form would, across pieces and batches', async () => {
    const rows = rowsOf(5_000);
    // Batches of uneven sizes, the first one empty, as a database cursor may hand them on.
    const batches = [[], rows.slice(0, 1), rows.slice(1, 2_500), rows.slice(2_500)];
    const zip = await read(
      xlsxStream(
        [
          { name: '明细', columns: COLUMNS, rows: batches },
          {
            name: 'async',
            columns: COLUMNS,
            rows: (async function* () {
              yield rows.slice(0, 3);
              await new Promise((resolve) => setImmediate(resolve)); // as between two queries
              yield rows.slice(3, 20);
            })(),
          },
        ],
        { creator: '好差评', created: new Date(Date.UTC(2026, 10, 27, 12)) },
      ),
    );
    const parts = unzip(zip);
    // No column is shared: no shared-string table.
    expect(parts.has('xl/sharedStrings.xml')).toBe(false);
    expect(parts.get('[Content_Types].xml')).not.toContain('sharedStrings');
    const sheetData = (xml: string) => xml.slice(xml.indexOf('<sheetData>'));
    const expected = (list: Record<string, XlsxValue>[]) =>
      list
        .map((row, i) => {
          const r = i + 2;
          const cells = COLUMNS.map((c, j) =>
            cell(`${'ABCD'[j]}${r}`, row[c.key], [0, 0, 1, 4][j]),
          ).join('');
          return `<row r="${r}">${cells}</row>`;
        })
        .join('');
    for (const [name, list] of [
      ['xl/worksheets/sheet1.xml', rows],
      ['xl/worksheets/sheet2.xml', rows.slice(0, 20)],
    ] as const) {
      const body = sheetData(parts.get(name)!);
      const start = body.indexOf('</row>') + '</row>'.length; // after the header row
      const actual = body.slice(start, body.indexOf('</sheetData>'));
      // As UTF-8 bytes, as the string form was written (a lone surrogate becomes U+FFFD).
      const want = Buffer.from(expected(list)).toString('utf8');
      // The first difference, with some context (the whole sheet is too long to print).
      let at = 0;
      while (at < want.length && actual[at] === want[at]) at++;
      expect(actual.slice(Math.max(0, at - 80), at + 80)).toBe(
        want.slice(Math.max(0, at - 80), at + 80),
      );
      expect(actual.length).toBe(want.length);
    }

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(zip as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('明细')!;
    expect(sheet.rowCount).toBe(5_001);
    expect(sheet.getRow(1).getCell(1).value).toBe('文本');
    const text = (r: number) => sheet.getRow(r).getCell(1).value;
    expect(text(4)).toBe(' leading space');
    expect(text(6)).toBe('a & b < c > d "quoted"');
    // Control characters dropped; a carriage return is read back as a line feed (XML).
    expect(text(7)).toBe('bell nul tab\t line\nfeed\n del');
    expect(text(8)).toBe('中文 & <标签> 市场监督管理局');
    expect(text(9)).toBe('emoji 😀 and a lone surrogate \ufffd end');
    expect(text(10)).toBe('办件编号');
    expect(text(11)).toBe('x'.repeat(100_000) + '长');
    expect(sheet.getRow(2).getCell(2).value).toBe(0);
    expect(sheet.getRow(5).getCell(2).value).toBe(0.875);
    expect(sheet.getRow(7).getCell(2).value).toBeNull(); // NaN: an empty cell
    expect(sheet.getRow(3).getCell(3).value).toBe(0.01);
    expect(sheet.getRow(3).getCell(4).value).toEqual(new Date(Date.UTC(2026, 10, 2, 1, 1)));
  });

  it('writes the text of shared columns once, in the shared-string table, up to its limit', async () => {
    const names = ['市场监督管理局', ' 前导空格', 'a & <b>', '换\u0001行', '', '😀 表情', '第六'];
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      name: names[i % names.length],
      note: `备注 ${i % 3}`,
      at: new Date(Date.UTC(2026, 10, 1)),
      n: i,
    }));
    const columns: XlsxColumn[] = [
      { header: '名称', key: 'name', width: 20, shared: true },
      { header: '备注', key: 'note', width: 10 },
      { header: '时间', key: 'at', width: 18, format: 'dateTime' },
      { header: '序号', key: 'n', width: 8, shared: true },
    ];
    const zip = await read(
      xlsxStream(
        [
          { name: '一', columns, rows: [rows.slice(0, 1_000), rows.slice(1_000)] },
          // A second sheet shares the table: its texts already there take the same index.
          {
            name: '二',
            columns: [columns[0]],
            rows: [[{ name: '市场监督管理局' }, { name: '第七' }]],
          },
        ],
        { creator: '好差评', created: new Date(Date.UTC(2026, 10, 27, 12)), sharedStrings: 5 },
      ),
    );
    const parts = unzip(zip);
    const sst = parts.get('xl/sharedStrings.xml')!;
    // The first five distinct texts, each once, in the order first met; the rest stay inline.
    expect(sst).toContain('count="2145" uniqueCount="5"');
    expect(sst.match(/<si>/g)).toHaveLength(5);
    expect(sst).toContain(
      '<si><t>市场监督管理局</t></si><si><t xml:space="preserve"> 前导空格</t></si>' +
        '<si><t>a &amp; &lt;b&gt;</t></si><si><t>换行</t></si><si><t></t></si></sst>',
    );
    const first = parts.get('xl/worksheets/sheet1.xml')!;
    expect(first).toContain('<row r="2"><c r="A2" t="s"><v>0</v></c>');
    expect(first).toContain('<c r="A7" t="inlineStr"><is><t>😀 表情</t></is></c>');
    // Numbers in a shared column stay numbers.
    expect(first).toContain('<c r="D2"><v>0</v></c>');
    const second = parts.get('xl/worksheets/sheet2.xml')!;
    expect(second).toContain('<c r="A2" t="s"><v>0</v></c>');
    expect(second).toContain('<c r="A3" t="inlineStr"><is><t>第七</t></is></c>');
    expect(parts.get('[Content_Types].xml')).toContain('PartName="/xl/sharedStrings.xml"');
    expect(parts.get('xl/_rels/workbook.xml.rels')).toContain(
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>',
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(zip as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('一')!;
    expect(sheet.rowCount).toBe(3_001);
    const shown = (name: string) => name.replace('\u0001', '');
    for (const r of [2, 3, 4, 5, 6, 7, 8, 9, 2_999, 3_001]) {
      const row = rows[r - 2];
      expect(sheet.getRow(r).getCell(1).value).toBe(shown(row.name));
      expect(sheet.getRow(r).getCell(2).value).toBe(row.note);
      expect(sheet.getRow(r).getCell(4).value).toBe(row.n);
    }
    const other = workbook.getWorksheet('二')!;
    expect([other.getRow(2).getCell(1).value, other.getRow(3).getCell(1).value]).toEqual([
      '市场监督管理局',
      '第七',
    ]);
  });
});
