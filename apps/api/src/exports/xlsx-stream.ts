import { Readable } from 'node:stream';
import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';

/**
 * An xlsx workbook written as it is read: the OOXML parts as strings, each worksheet produced row
 * batch by row batch, into a zip written as a stream (deflate, a data descriptor after each entry,
 * the central directory at the end). Nothing is kept but the current batch and the central
 * directory's few hundred bytes, so memory does not grow with the rows; the consumer's pace drives
 * everything (the stream is pulled, the next batch is read only when the previous one has gone).
 *
 * It writes what the monthly report needs and no more: text, numbers and dates, a bold, frozen
 * header row, column widths, and two number formats (percentage, date-time) set per column. Text
 * is written in the cell (an inline string), except in columns marked `shared`: names and labels
 * that repeat on every row go once into the workbook's shared-string table, written after the
 * sheets, and each cell holds its index. The table keeps at most `sharedStrings` strings, so its
 * memory is bounded by the options, never by the rows; text met after it is full stays inline.
 */

export type ColumnFormat = 'percent' | 'dateTime';

export interface XlsxColumn {
  header: string;
  key: string;
  width: number;
  format?: ColumnFormat;
  /**
   * Text that repeats from row to row (names, labels): each distinct text is written once, in the
   * shared-string table, and a cell holds its index (a third of the detail sheet's bytes were
   * names and labels repeated, docs/benchmarks.md, change 18).
   */
  shared?: boolean;
}

/** A cell's value: text, a number, a date (written as an Excel serial date), or nothing. */
export type XlsxValue = string | number | Date | null | undefined;

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  /** The rows in batches: a batch is written before the next one is asked for. */
  rows: AsyncIterable<Record<string, XlsxValue>[]> | Iterable<Record<string, XlsxValue>[]>;
}

/**
 * Cell formats (cellXfs): 0 normal, 1 percentage, 2 bold, 3 bold percentage, 4 date-time,
 * 5 bold date-time — the same table exceljs wrote for this report.
 */
const STYLE: Record<ColumnFormat | 'none', { body: number; header: number }> = {
  none: { body: 0, header: 2 },
  percent: { body: 1, header: 3 },
  dateTime: { body: 4, header: 5 },
};

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="10" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

/**
 * Text for an XML text node: & < > escaped, and the control characters XML 1.0 forbids dropped
 * (as exceljs did), so a citizen's comment can never break the file.
 */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return text;
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

const attr = (text: string) => xmlText(text).replace(/"/g, '&quot;');

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Excel's serial date of an instant, as exceljs computes it (1900 date system). */
const excelDate = (d: Date) => 25569 + d.getTime() / 86_400_000;

/** One cell; '' for an empty cell without a format (left out, as exceljs did). */
export function cell(ref: string, value: XlsxValue, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined) return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s}/>`;
  }
  if (value instanceof Date) return `<c r="${ref}"${s}><v>${excelDate(value)}</v></c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

/**
 * A worksheet's bytes are handed on to zlib in pieces of this size (`deflated`). Each row's XML is written as UTF-8 straight into the piece (no
 * string per cell, row or piece): the detail sheet of a month has millions of cells, and building
 * them as strings allocated ~6 KB a row, the largest part of the export's garbage and of its time
 * (docs/benchmarks.md, change 9).
 */
const PIECE_BYTES = 1 << 19;
/** Pieces kept for use again: those queued in zlib, the one being written and one spare. */
const PIECES_KEPT = 8;

/**
 * The memory of one workbook's pieces, used again once zlib has read a piece: a 1M-row month is
 * ~600 MB of XML, and a new buffer per piece is memory outside the heap that only a collection of
 * the thread's heap gives back.
 */
class Pieces {
  private readonly free: ArrayBuffer[] = [];
  private readonly own = new WeakSet<ArrayBuffer>();

  take(): Buffer {
    let memory = this.free.pop();
    if (!memory) {
      memory = new ArrayBuffer(PIECE_BYTES);
      this.own.add(memory);
    }
    return Buffer.from(memory);
  }

  /** A piece (or part of one) nothing reads any more; anything else is left alone. */
  give(piece: Buffer): void {
    const memory = piece.buffer;
    if (memory instanceof ArrayBuffer && this.own.has(memory) && this.free.length < PIECES_KEPT) {
      this.free.push(memory);
    }
  }
}

/** Bytes of XML, written into fixed-size pieces that are handed on as they fill. */
class XmlBytes {
  private buf: Buffer;
  private pos = 0;
  private readonly full: Buffer[] = [];

  constructor(private readonly pieces: Pieces) {
    this.buf = pieces.take();
  }

  /** Markup, numbers and cell references: ASCII, written as it is. */
  ascii(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /** A non-negative integer (a row number) in decimal, without a string. */
  int(n: number): void {
    this.room(16);
    const buf = this.buf;
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let pos = this.pos + digits;
    this.pos = pos;
    do {
      buf[--pos] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /**
   * Text content, as xmlText() escapes it, encoded as UTF-8 here (a lone surrogate becomes
   * U+FFFD, as Buffer.from does): no string is made for it.
   */
  text(s: string): void {
    this.room(s.length * 5);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c === 38) {
          buf[pos++] = 38; // &amp;
          buf[pos++] = 97;
          buf[pos++] = 109;
          buf[pos++] = 112;
          buf[pos++] = 59;
        } else if (c === 60 || c === 62) {
          buf[pos++] = 38; // &lt; &gt;
          buf[pos++] = c === 60 ? 108 : 103;
          buf[pos++] = 116;
          buf[pos++] = 59;
        } else if (c >= 0x20 ? c !== 0x7f : c === 9 || c === 10 || c === 13) {
          buf[pos++] = c;
        }
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            buf[pos++] = 0xf0 | (c >> 18);
            buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
            buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
            buf[pos++] = 0x80 | (c & 0x3f);
            continue;
          }
          c = 0xfffd;
        }
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = pos;
  }

  /** Text already escaped, any characters. */
  utf8(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Whether a piece is full and can be handed on. */
  get filled(): boolean {
    return this.full.length > 0;
  }

  /** The full pieces, taken. */
  take(): Buffer[] {
    return this.full.splice(0);
  }

  /** Everything written and not yet handed on. */
  rest(): Buffer[] {
    if (this.pos) this.full.push(this.buf.subarray(0, this.pos));
    else this.pieces.give(this.buf);
    // The piece handed on is not written into again: a later write starts a new one.
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    return this.take();
  }

  /** Makes room for n bytes: a full piece is set aside and a new one started. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos) this.full.push(this.buf.subarray(0, this.pos));
    else this.pieces.give(this.buf);
    this.buf = n <= PIECE_BYTES ? this.pieces.take() : Buffer.allocUnsafe(n);
    this.pos = 0;
  }
}

/**
 * The workbook's shared-string table (sst): each distinct text of the `shared` columns, in the
 * order first met, and how many cells refer to them. At most `limit` strings: a text met after
 * that gets no index and is written inline.
 */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private refs = 0;

  constructor(private readonly limit: number) {}

  /** The text's index in the table, added if new; undefined once the table is full. */
  add(text: string): number | undefined {
    let at = this.index.get(text);
    if (at === undefined) {
      if (this.index.size >= this.limit) return undefined;
      at = this.index.size;
      this.index.set(text, at);
    }
    this.refs++;
    return at;
  }

  /** xl/sharedStrings.xml, in pieces (the table is read once the sheets are written). */
  *xml(pieces: Pieces): Generator<Buffer> {
    const out = new XmlBytes(pieces);
    out.ascii(
      `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${this.index.size}">`,
    );
    for (const text of this.index.keys()) {
      out.ascii(/^\s|\s$/.test(text) ? '<si><t xml:space="preserve">' : '<si><t>');
      out.text(text);
      out.ascii('</t></si>');
      if (out.filled) yield* out.take();
    }
    out.ascii('</sst>');
    yield* out.rest();
  }
}

/** How each column's cells are written: the markup around a value, per its style. */
interface CellMarkup {
  open: string; // <c r="A
  empty: string; // " s="1"/>   (a styled empty cell; '' when the column has no style)
  value: string; // " s="1"><v>
  text: string; // " s="1" t="inlineStr"><is><t>
  spaced: string; // the same with xml:space="preserve"
  /** " s="1" t="s"><v> when the column's text goes into the shared-string table, else null. */
  shared: string | null;
}

function cellMarkup(letter: string, style: number, shared: boolean): CellMarkup {
  const s = style ? ` s="${style}"` : '';
  return {
    open: `<c r="${letter}`,
    empty: style ? `"${s}/>` : '',
    value: `"${s}><v>`,
    text: `"${s} t="inlineStr"><is><t>`,
    spaced: `"${s} t="inlineStr"><is><t xml:space="preserve">`,
    shared: shared ? `"${s} t="s"><v>` : null,
  };
}

/**
 * One body cell: the bytes cell() would give as a string, or, for text of a shared column while
 * the table has room, a reference to the table.
 */
function writeCell(
  out: XmlBytes,
  m: CellMarkup,
  r: number,
  value: XlsxValue,
  table: SharedStrings,
): void {
  if (value === null || value === undefined) {
    if (!m.empty) return;
    out.ascii(m.open);
    out.int(r);
    out.ascii(m.empty);
    return;
  }
  out.ascii(m.open);
  out.int(r);
  if (typeof value === 'number' || value instanceof Date) {
    const n = typeof value === 'number' ? value : excelDate(value);
    if (!Number.isFinite(n)) {
      out.ascii(m.empty || '"/>');
      return;
    }
    out.ascii(m.value);
    out.ascii(String(n));
    out.ascii('</v></c>');
    return;
  }
  const at = m.shared === null ? undefined : table.add(value);
  if (at !== undefined) {
    out.ascii(m.shared!);
    out.int(at);
    out.ascii('</v></c>');
    return;
  }
  out.ascii(/^\s|\s$/.test(value) ? m.spaced : m.text);
  out.text(value);
  out.ascii('</t></is></c>');
}

type Batch = Record<string, XlsxValue>[];

/**
 * The batches as one async iterable. (`for await` over the union itself typed its batches as
 * `any` in some runs of the type checker and not in others, depending on the order files were
 * checked in, which failed the lint either way.)
 */
function asyncBatches(rows: XlsxSheet['rows']): AsyncIterable<Batch> {
  if (Symbol.asyncIterator in rows) return rows;
  const iterator = rows[Symbol.iterator]();
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(iterator.next()) }) };
}

/** A worksheet's XML as UTF-8, in pieces of PIECE_BYTES. */
async function* worksheetXml(
  sheet: XlsxSheet,
  table: SharedStrings,
  pieces: Pieces,
): AsyncGenerator<Buffer> {
  const letters = sheet.columns.map((_, i) => columnLetter(i));
  const styles = sheet.columns.map((c) => STYLE[c.format ?? 'none']);
  const cols = sheet.columns
    .map((c, i) => {
      const style = styles[i].body ? ` style="${styles[i].body}"` : '';
      return `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${style} customWidth="1"/>`;
    })
    .join('');
  const header = sheet.columns
    .map((c, i) => cell(`${letters[i]}1`, c.header, styles[i].header))
    .join('');
  const out = new XmlBytes(pieces);
  out.utf8(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>` +
      `<row r="1" s="2" customFormat="1">${header}</row>`,
  );
  let r = 1;
  const keys = sheet.columns.map((c) => c.key);
  const markup = letters.map((letter, i) =>
    cellMarkup(letter, styles[i].body, sheet.columns[i].shared === true),
  );
  for await (const batch of asyncBatches(sheet.rows)) {
    for (const row of batch) {
      r++;
      out.ascii('<row r="');
      out.int(r);
      out.ascii('">');
      for (let i = 0; i < keys.length; i++) writeCell(out, markup[i], r, row[keys[i]], table);
      out.ascii('</row>');
      // Only when a piece is full: a yield per row costs an async round of promises.
      if (out.filled) for (const piece of out.take()) yield piece;
    }
  }
  out.ascii(
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );
  for (const piece of out.rest()) yield piece;
}

/** The parts of the package around the worksheets. */
function packageParts(sheets: XlsxSheet[], creator: string, created: Date, shared: boolean) {
  const sheetList = sheets.map((_, i) => i + 1);
  const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    contentTypes:
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheetList
        .map(
          (n) =>
            `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      (shared
        ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        : '') +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>',
    rootRels:
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
      '</Relationships>',
    app:
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Application>${xmlText(creator)}</Application>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
      '</Properties>',
    core:
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${xmlText(creator)}</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
      '</cp:coreProperties>',
    workbook:
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
      sheets
        .map((s, i) => `<sheet name="${attr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`)
        .join('') +
      '</sheets></workbook>',
    workbookRels:
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      sheetList
        .map(
          (n) =>
            `<Relationship Id="rId${n + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
        )
        .join('') +
      (shared
        ? `<Relationship Id="rId${sheets.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`
        : '') +
      '</Relationships>',
  };
}

export interface XlsxOptions {
  creator: string;
  created: Date;
  /**
   * zlib level, 1 (fast) … 9 (small). 4 by default: on the 1M-row month (2 cores) it wrote the
   * file in 12.8 s against 15.5 s at 6, for a file 10 % larger (87 against 79 MB).
   */
  level?: number;
  /**
   * Most distinct texts the shared-string table keeps (its memory bound); 65,536 by default,
   * more than the names and labels of a centre.
   */
  sharedStrings?: number;
}

/**
 * The workbook as a byte stream. Reading it pulls the rows; an error in a row source (or
 * anywhere) destroys the stream with that error — the response is then aborted, never ended
 * as a truncated file that looks complete.
 */
export function xlsxStream(sheets: XlsxSheet[], options: XlsxOptions): Readable {
  const shared = sheets.some((sheet) => sheet.columns.some((c) => c.shared));
  const parts = packageParts(sheets, options.creator, options.created, shared);
  const table = new SharedStrings(options.sharedStrings ?? 1 << 16);
  const pieces = new Pieces();
  function* entries(): Generator<ZipEntry> {
    yield { name: '[Content_Types].xml', data: parts.contentTypes };
    yield { name: '_rels/.rels', data: parts.rootRels };
    yield { name: 'docProps/app.xml', data: parts.app };
    yield { name: 'docProps/core.xml', data: parts.core };
    yield { name: 'xl/workbook.xml', data: parts.workbook };
    yield { name: 'xl/_rels/workbook.xml.rels', data: parts.workbookRels };
    yield { name: 'xl/styles.xml', data: STYLES_XML };
    for (const [i, sheet] of sheets.entries()) {
      yield { name: `xl/worksheets/sheet${i + 1}.xml`, data: worksheetXml(sheet, table, pieces) };
    }
    // After the sheets: their cells made the table (a reader takes the parts in any order).
    if (shared) yield { name: 'xl/sharedStrings.xml', data: table.xml(pieces) };
  }
  return Readable.from(zip(entries(), options.created, options.level ?? 4, pieces), {
    objectMode: false,
    highWaterMark: 1 << 16,
  });
}

// ---------------------------------------------------------------------------------------------
// The zip writer (PKWARE APPNOTE 6.3): local header, deflated data, data descriptor per entry;
// central directory and end record last. No ZIP64: an entry or archive past 4 GiB is an error
// (an xlsx sheet holds at most 1,048,576 rows, far below that for this report).

interface ZipEntry {
  name: string;
  data: string | AsyncIterable<string | Buffer> | Iterable<Buffer>;
}

const UINT32 = 0xffffffff;
const FLAGS = 0x0008 | 0x0800; // sizes in the data descriptor; UTF-8 names
const DEFLATE = 8;

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: (Math.max(d.getFullYear() - 1980, 0) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

async function* zip(
  entries: Iterable<ZipEntry>,
  modified: Date,
  level: number,
  pieces: Pieces,
): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(modified);
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // crc and sizes (14–25) zero: in the data descriptor
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.concat([local, name]);
    yield header;

    const sums = { crc: 0, size: 0, compressed: 0 };
    const source = typeof entry.data === 'string' ? [entry.data] : entry.data;
    for await (const chunk of deflated(source, level, sums, pieces)) {
      sums.compressed += chunk.length;
      yield chunk;
    }
    if (sums.size > UINT32 || sums.compressed > UINT32) {
      throw new Error(`${entry.name} is larger than 4 GiB: too large for a zip without ZIP64`);
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(sums.crc, 4);
    descriptor.writeUInt32LE(sums.compressed, 8);
    descriptor.writeUInt32LE(sums.size, 12);
    yield descriptor;

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(FLAGS, 8);
    record.writeUInt16LE(DEFLATE, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(sums.crc, 16);
    record.writeUInt32LE(sums.compressed, 20);
    record.writeUInt32LE(sums.size, 24);
    record.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.length + sums.compressed + descriptor.length;
    if (offset > UINT32) throw new Error('the workbook is larger than 4 GiB');
    count++;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
}

/**
 * Deflates the source as it comes, summing the CRC-32 and size of the raw bytes, and hands each
 * piece's memory back to `pieces` once zlib has read it. Back-pressure: the next source chunk is
 * taken only once zlib has taken the previous one ('drain') and what it produced so far has been
 * handed on.
 *
 * zlib works in libuv's thread pool, but each step of a zlib stream (one input chunk, or one
 * output chunk filled) waits for this thread's event loop to come round, and this thread is busy
 * formatting rows: with 64 KB pieces and 64 KB output chunks, the export thread spent a third of
 * its time waiting for zlib. Pieces of 512 KB and output chunks of 1 MB make that one step per
 * piece (docs/benchmarks.md, change 18).
 */
async function* deflated(
  source: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  level: number,
  sums: { crc: number; size: number },
  pieces: Pieces,
): AsyncGenerator<Buffer> {
  // Two pieces queued in zlib: the next rows are read and formatted while zlib (in libuv's thread
  // pool) compresses the piece before.
  const deflate: DeflateRaw = createDeflateRaw({
    level,
    chunkSize: 1 << 20,
    highWaterMark: 2 * PIECE_BYTES,
  } as ZlibOptions);
  const out: Buffer[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  deflate.on('data', (chunk: Buffer) => {
    out.push(chunk);
    signal();
  });
  deflate.on('error', (error) => {
    failure = error;
    signal();
  });
  deflate.on('end', () => {
    ended = true;
    signal();
  });
  deflate.on('drain', signal);
  const waitFor = (ready: () => boolean) =>
    ready() || failure ? undefined : new Promise<void>((resolve) => (wake = resolve));
  try {
    for await (const piece of source) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      if (chunk.length === 0) continue;
      sums.crc = crc32(chunk, sums.crc);
      sums.size += chunk.length;
      let accepted = deflate.write(chunk, () => pieces.give(chunk));
      while (!accepted || out.length) {
        while (out.length) yield out.shift()!;
        if (failure) throw failure;
        if (!accepted) {
          await waitFor(() => !deflate.writableNeedDrain || out.length > 0);
          accepted = !deflate.writableNeedDrain;
        }
      }
      if (failure) throw failure;
    }
    deflate.end();
    for (;;) {
      while (out.length) yield out.shift()!;
      if (failure) throw failure;
      if (ended) return;
      await waitFor(() => ended || out.length > 0);
    }
  } finally {
    if (!ended) deflate.destroy();
  }
}
