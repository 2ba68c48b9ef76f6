/** Reading back generated letters in tests: the text of a DOCX and of a PDF drawn with the standard fonts. */
import { inflateRawSync, inflateSync } from 'node:zlib';

/** Text of a DOCX: the w:t runs of word/document.xml, one line per paragraph (minimal zip reader). */
export function docxText(buf: Buffer): string {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === 'word/document.xml') {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const raw = buf.subarray(start, start + size);
      const xml = (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
      const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
        .map((para) => [...para[0].matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>|<w:br\/>/g)].map((m) => (m[1] === undefined ? '\n' : unescape(m[1]))).join(''))
        .join('\n');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error('word/document.xml not found');
}

/** Text drawn in a PDF made with the standard fonts: the WinAnsi hex strings of each TJ, one line per TJ. */
export function pdfText(buf: Buffer): string {
  const s = buf.toString('latin1');
  const lines: string[] = [];
  // Windows-1252 differs from Latin-1 in 0x80–0x9F (’ is 0x92, œ 0x9C, … 0x85).
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  const dec = { decode: (b: Buffer) => [...b].map((c) => (c >= 0x80 && c <= 0x9f ? high[c - 0x80] : String.fromCharCode(c))).join('') };
  for (const m of s.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let body = Buffer.from(m[1]!, 'latin1');
    try {
      body = inflateSync(body);
    } catch {
      /* not compressed */
    }
    for (const tj of body.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push(dec.decode(Buffer.from(hex, 'hex')));
    }
  }
  return lines.join('\n');
}
