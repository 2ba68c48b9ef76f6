import { readFileSync } from 'node:fs';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HRDDP_CONFIG, LETTER_KINDS, type LetterKind } from './config.ts';
import { isWinAnsi, letterToDocx, letterToPdf, nextNoticeDue, noticeDeadline, renderLetter, toBlocks, toWinAnsi, type LetterData, type SentNotice } from './letters.ts';

const letters = DEFAULT_HRDDP_CONFIG.letters;
const notices = DEFAULT_HRDDP_CONFIG.notices;
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/hrddp/letters-lakes-2013.json', import.meta.url), 'utf8')) as {
  base: Omit<LetterData, 'date'>;
  letters: (Partial<LetterData> & { kind: LetterKind; date: string })[];
};
const dataFor = (i: number): LetterData => ({ ...fixture.base, ...fixture.letters[i]! }) as LetterData;

/** Text of a DOCX: the w:t runs of word/document.xml, one line per paragraph (minimal zip reader). */
function docxText(buf: Buffer): string {
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
function pdfText(buf: Buffer): string {
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
const squash = (s: string) => s.replace(/\s+/g, '');

describe('the staged-notice ladder', () => {
  it('gives the next step and its due day along the 2013 pattern', () => {
    const sent: SentNotice[] = [];
    expect(nextNoticeDue(sent, notices)).toMatchObject({ step: 'first-notice', dueDate: null });
    expect(nextNoticeDue(sent, notices, { start: '2013-02-04' })).toMatchObject({ step: 'first-notice', dueDate: '2013-02-04' });

    sent.push({ kind: 'first-notice', date: '2013-02-04' });
    const second = nextNoticeDue(sent, notices)!;
    expect(second).toMatchObject({ step: 'final-notice', dueDate: '2013-02-18' });
    expect(second.basis.fr).toBe('14 jours après l’envoi du 4 février 2013 (Première notification)');

    sent.push({ kind: 'final-notice', date: '2013-02-18' });
    const third = nextNoticeDue(sent, notices, { asOf: '2013-03-20' })!;
    expect(third).toMatchObject({ step: 'deadline-notice', dueDate: '2013-03-04', overdue: true });

    sent.push({ kind: 'deadline-notice', date: '2013-03-25' });
    expect(noticeDeadline(sent[2]!, notices)).toBe('2013-04-01');
    const fourth = nextNoticeDue(sent, notices, { asOf: '2013-03-30' })!;
    expect(fourth).toMatchObject({ step: 'termination', dueDate: '2013-04-02', overdue: false });
    expect(fourth.basis.en).toBe('1 day(s) after the deadline of 1 April 2013 set by the notice of 25 March 2013 (Deadline notice)');
    expect(fourth.label.fr).toBe('Cessation de l’appui');

    sent.push({ kind: 'termination', date: '2013-04-02' });
    expect(nextNoticeDue(sent, notices)).toBeNull();
  });

  it('uses a recorded deadline over the computed one, and the latest notice of a step', () => {
    const r = nextNoticeDue(
      [
        { kind: 'first-notice', date: '2013-02-04' },
        { kind: 'deadline-notice', date: '2013-03-25', deadline: '2013-04-10' },
      ],
      notices,
    );
    expect(r!.dueDate).toBe('2013-04-11');
    expect(nextNoticeDue([{ kind: 'first-notice', date: '2013-02-04' }, { kind: 'first-notice', date: '2013-02-10' }], notices)!.dueDate).toBe('2013-02-24');
  });

  it('follows the configured delays', () => {
    const c = structuredClone(notices);
    c.steps[1]!.afterPreviousDays = 7;
    expect(nextNoticeDue([{ kind: 'first-notice', date: '2013-02-04' }], c)!.dueDate).toBe('2013-02-11');
  });
});

describe('renderLetter', () => {
  it('writes the date in the letter’s language', () => {
    expect(renderLetter('first-notice', 'fr', dataFor(0), letters).dateLine).toBe('Bukama, le 4 février 2013');
    expect(renderLetter('first-notice', 'en', dataFor(0), letters).dateLine).toBe('Bukama, 4 February 2013');
    expect(renderLetter('termination', 'fr', dataFor(3), letters).dateLine).toBe('Bukama, le 2 avril 2013');
  });

  it('lays out paragraphs and lists: principles, concerns as a list, signature lines kept', () => {
    const l = renderLetter('first-notice', 'fr', dataFor(0), letters);
    expect(l.subjectLine).toBe('Objet : Politique de diligence voulue en matière de droits de l’homme – 42e bataillon d’infanterie et 318e bataillon de commandos – préoccupations');
    expect(l.blocks[0]).toEqual({ type: 'paragraph', lines: ['Mon Général,'] });
    expect(l.blocks[2]).toEqual({
      type: 'list',
      items: [
        'viols massifs à Kiboga et dans les villages environnants, faisant au moins 126 victimes (novembre 2012) [réf. HR-2012-117]',
        'pillage de maisons et de commerces lors du repli des deux bataillons (25 novembre 2012)',
      ],
    });
    expect((l.blocks[3] as { lines: string[] }).lines[0]).toMatch(/^Les Nations Unies n’apportent leur appui/);
    expect(l.blocks.at(-1)).toEqual({ type: 'paragraph', lines: ['Hélène Marchetti', 'Représentante spéciale adjointe du Secrétaire général'] });
  });

  it('words approval with conditions and refusal with the concrete concerns and conditions', () => {
    const data: LetterData = {
      ...dataFor(0),
      conditions: [
        { text: { en: 'exclude Lt-Col. K. from the operation', fr: 'exclure le lieutenant-colonel K. de l’opération' }, dueDate: '2013-02-11' },
        { text: { en: 'monthly report on the use of fuel', fr: 'compte rendu mensuel de l’utilisation du carburant' } },
      ],
    };
    const en = renderLetter('approval-with-conditions', 'en', data, letters).text;
    expect(en).toContain('The support is therefore subject to the following conditions:\n\n- exclude Lt-Col. K. from the operation (by 11 February 2013)\n- monthly report on the use of fuel');
    expect(en).toContain('- mass rapes in Kiboga and surrounding villages, with at least 126 victims (November 2012) [ref. HR-2012-117]');
    const fr = renderLetter('refusal', 'fr', data, letters).text;
    expect(fr).toContain('ne peut être accordé en l’état');
    expect(fr).toContain('Cette décision repose sur les préoccupations concrètes suivantes :');
    expect(fr).toContain('- exclure le lieutenant-colonel K. de l’opération (échéance : 11 février 2013)');
  });

  it('uses the default salutation when none is given', () => {
    const data = dataFor(0);
    const noSalutation = { ...data, recipient: { ...data.recipient, salutation: undefined } };
    expect(renderLetter('first-notice', 'fr', noSalutation, letters).text).toContain('Veuillez agréer, Madame, Monsieur, l’assurance');
  });

  it('takes its wording from the configured templates', () => {
    const c = structuredClone(letters);
    c.templates['first-notice'].fr.body = 'Objet spécial pour {{unitsText}} le {{dateText}}.';
    expect(renderLetter('first-notice', 'fr', dataFor(0), c).blocks).toEqual([
      { type: 'paragraph', lines: ['Objet spécial pour 42e bataillon d’infanterie et 318e bataillon de commandos le 4 février 2013.'] },
    ]);
  });

  it('does not HTML-escape (letters are not web pages)', () => {
    const data = { ...dataFor(0), units: ['Unit <A> & "B"'] };
    expect(renderLetter('first-notice', 'en', data, letters).subject).toContain('Unit <A> & "B"');
  });

  it('writes every kind in both languages using only characters the standard PDF fonts encode', () => {
    for (const kind of LETTER_KINDS)
      for (const lang of ['en', 'fr'] as const) {
        const l = renderLetter(kind, lang, { ...dataFor(2), conditions: [{ text: 'condition', dueDate: '2013-04-01' }] }, letters);
        const bad = [...l.text].filter((ch) => ch !== '\n' && !isWinAnsi(ch));
        expect(bad, `${kind}/${lang}`).toEqual([]);
      }
  });
});

describe('toBlocks and toWinAnsi', () => {
  it('splits a paragraph followed by list lines without a blank line', () => {
    expect(toBlocks('Intro:\n- a\n- b\nEnd.')).toEqual([
      { type: 'paragraph', lines: ['Intro:'] },
      { type: 'list', items: ['a', 'b'] },
      { type: 'paragraph', lines: ['End.'] },
    ]);
  });
  it('keeps French accents and typographic apostrophes, replaces what WinAnsi cannot encode', () => {
    expect(toWinAnsi('é è à ç œ ’ « » €')).toBe('é è à ç œ ’ « » €');
    expect(toWinAnsi('5\u202f% − → 你')).toBe('5\u00a0% - -> ?');
  });
});

describe('the French sequence of four letters (4 and 18 February 2013, 7-day deadline on 25 March, termination)', () => {
  const expected: Record<LetterKind, string[]> = {
    'first-notice': ['Bukama, le 4 février 2013', 'Mon Général,', 'viols massifs à Kiboga', 'au moins 126 victimes (novembre 2012)', 'diligence voulue en matière de droits de l’homme', 'traduire les responsables en justice'],
    'final-notice': ['Bukama, le 18 février 2013', 'Première notification du 4 février 2013 (réf. MINUSLAC/DDH/2013/014)', 'aucune mesure corrective concrète', 'la suspension ou la cessation de son appui'],
    'deadline-notice': [
      'Bukama, le 25 mars 2013',
      'Notification finale du 18 février 2013',
      'dans un délai de 7 jours, soit au plus tard le 1er avril 2013, il sera mis fin à l’appui des Nations Unies (rations, carburant et transport) aux unités suivantes : 42e bataillon d’infanterie et 318e bataillon de commandos.',
    ],
    termination: [
      'Bukama, le 2 avril 2013',
      'Mise en demeure du 25 mars 2013',
      'Le délai fixé au 1er avril 2013 a expiré',
      'il est mis fin, à compter du 2 avril 2013, à l’appui des Nations Unies',
    ],
    'approval-with-conditions': [],
    refusal: [],
  };

  for (const [i, l] of fixture.letters.entries()) {
    it(`${l.kind} of ${l.date}: text, DOCX and PDF carry the French content`, async () => {
      const letter = renderLetter(l.kind, 'fr', dataFor(i), letters);
      for (const s of expected[l.kind]) expect(letter.text).toContain(s);

      const docx = await letterToDocx(letter);
      expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
      const dt = docxText(docx);
      for (const s of expected[l.kind]) expect(dt).toContain(s);
      expect(dt).toContain(letter.subjectLine);

      const pdf = await letterToPdf(letter);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      expect(pdf.length).toBeGreaterThan(3000);
      expect(pdf.toString('latin1')).toContain('/Encoding /WinAnsiEncoding');
      expect(pdfText(pdf)).toContain(letter.dateLine); // a line drawn unjustified keeps its spaces
      const pt = squash(pdfText(pdf));
      for (const s of expected[l.kind]) expect(pt).toContain(squash(s));
    });
  }

  it('follows the ladder: each letter is the step nextNoticeDue asked for', () => {
    const sent: SentNotice[] = [];
    for (const l of fixture.letters) {
      const next = nextNoticeDue(sent, notices, { start: fixture.letters[0]!.date })!;
      expect(next.step).toBe(l.kind);
      expect(l.date >= next.dueDate!).toBe(true);
      sent.push({ kind: l.kind as SentNotice['kind'], date: l.date, deadline: l.kind === 'deadline-notice' ? (l.deadline ?? null) : null });
    }
    expect(nextNoticeDue(sent, notices)).toBeNull();
  });
});
