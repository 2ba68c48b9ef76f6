/**
 * Letters to the host-state authorities: the UN's principles of support, the concrete concerns, the
 * conditions and any deadline, in English or French. Templates are configuration (mustache, one per
 * letter kind and language, in `config.letters`); this module fills them, lays the result out as
 * structured text, and renders it as PDF (pdfkit, standard Helvetica with WinAnsi encoding, which
 * covers French accents) or DOCX. Dates are written in the letter's language ("25 mars 2013").
 *
 * Also the staged-notice ladder: given the notices already sent, which step comes next and when.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import Mustache from 'mustache';
import PDFDocument from 'pdfkit';
import { displayPartialDate } from '../platform/dates.ts';
import type { HrddpConfig, I18nText, Lang, LetterKind, LettersConfig, NoticeKind } from './config.ts';
import { addDays, joinList, toDay } from './util.ts';

export type Localised = string | I18nText;

export interface LetterData {
  /** Name of the mission as it appears in the letter ("MONUSCO"). */
  mission: string;
  place: string;
  /** Day of the letter, 'YYYY-MM-DD'. */
  date: string;
  reference?: string;
  sender: { name: string; title: string };
  recipient: { name: string; title?: string; organisation?: string; address?: string[]; salutation?: Localised };
  /** Names of the units concerned. */
  units: string[];
  /** The support concerned ("fuel and rations", "rations et carburant"). */
  support: Localised;
  concerns?: { text: Localised; date?: string; reference?: string }[];
  conditions?: { text: Localised; dueDate?: string }[];
  /** Deadline day (deadline notice; recalled in the termination). */
  deadline?: string;
  deadlineDays?: number;
  /** Day the termination takes effect (defaults to the letter's date). */
  effectiveDate?: string;
  previousLetters?: { kind: LetterKind; date: string; reference?: string }[];
}

export type LetterBlock = { type: 'paragraph'; lines: string[] } | { type: 'list'; items: string[] };

export interface RenderedLetter {
  kind: LetterKind;
  lang: Lang;
  /** Day of the letter, 'YYYY-MM-DD'. */
  date: string;
  mission: string;
  subject: string;
  dateLine: string;
  referenceLine: string | null;
  subjectLine: string;
  recipientLines: string[];
  blocks: LetterBlock[];
  /** The whole letter as plain text. */
  text: string;
}

const pick = (v: Localised | undefined, lang: Lang): string => (v === undefined ? '' : typeof v === 'string' ? v : v[lang]);
const day = (d: string | undefined, lang: Lang) => (d ? displayPartialDate(d, lang) : '');

/** The view the templates see (documented in letter-templates.ts). */
export function letterView(kind: LetterKind, lang: Lang, data: LetterData, letters: LettersConfig) {
  const salutation = pick(data.recipient.salutation, lang) || letters.defaultSalutation[lang];
  const concerns = (data.concerns ?? []).map((c) => ({ text: pick(c.text, lang), dateText: day(c.date, lang), reference: c.reference ?? '' }));
  const conditions = (data.conditions ?? []).map((c) => ({ text: pick(c.text, lang), dueText: day(c.dueDate, lang) }));
  const previousLetters = (data.previousLetters ?? []).map((p) => ({
    kindLabel: letters.kinds.find((k) => k.id === p.kind)?.label[lang] ?? p.kind,
    dateText: day(p.date, lang),
    reference: p.reference ?? '',
  }));
  return {
    kind,
    mission: data.mission,
    place: data.place,
    dateText: day(toDay(data.date), lang),
    reference: data.reference ?? '',
    recipient: { ...data.recipient, salutation },
    sender: data.sender,
    unitsText: joinList(data.units, letters.and[lang]),
    supportText: pick(data.support, lang),
    concerns,
    hasConcerns: concerns.length > 0,
    conditions,
    hasConditions: conditions.length > 0,
    deadlineText: day(data.deadline, lang),
    deadlineDays: data.deadlineDays ?? '',
    effectiveText: day(data.effectiveDate ?? toDay(data.date), lang),
    previousLetters,
    hasPreviousLetters: previousLetters.length > 0,
  };
}

const render = (template: string, view: object, partials?: Record<string, string>) => Mustache.render(template, view, partials, { escape: (v: unknown) => String(v) });

/** Splits filled text into blocks: blank lines separate paragraphs; runs of "- " lines are lists. */
export function toBlocks(text: string): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  for (const para of text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = para.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    let run: LetterBlock | null = null;
    for (const line of lines) {
      const bullet = /^[-•]\s+/.exec(line);
      if (bullet) {
        if (run?.type !== 'list') blocks.push((run = { type: 'list', items: [] }));
        run.items.push(line.slice(bullet[0].length));
      } else {
        if (run?.type !== 'paragraph') blocks.push((run = { type: 'paragraph', lines: [] }));
        run.lines.push(line);
      }
    }
  }
  return blocks;
}

/** Fills the template of a letter kind in a language and lays it out. */
export function renderLetter(kind: LetterKind, lang: Lang, data: LetterData, letters: LettersConfig): RenderedLetter {
  const tpl = letters.templates[kind]?.[lang];
  if (!tpl) throw new RangeError(`no ${lang} template for letter kind "${kind}"`);
  const view = letterView(kind, lang, data, letters);
  // A partial standing on its own line replaces that line: end it with a newline so the blank line after it survives.
  const partials = Object.fromEntries(Object.entries(letters.partials[lang]).map(([k, v]) => [k, v.endsWith('\n') ? v : `${v}\n`]));
  const subject = render(tpl.subject, view, partials).replace(/\s+/g, ' ').trim();
  const layout = letters.layout[lang];
  const dateLine = render(layout.dateLine, view).trim();
  const referenceLine = data.reference ? render(layout.referenceLine, view).trim() : null;
  const subjectLine = render(layout.subjectLine, { ...view, subject }).trim();
  const recipientLines = [data.recipient.name, data.recipient.title, data.recipient.organisation, ...(data.recipient.address ?? [])].filter(
    (l): l is string => !!l && l.trim().length > 0,
  );
  const blocks = toBlocks(render(tpl.body, view, partials));
  const text = [
    data.mission,
    dateLine,
    ...(referenceLine ? [referenceLine] : []),
    '',
    ...recipientLines,
    '',
    subjectLine,
    '',
    ...blocks.flatMap((b) => [...(b.type === 'paragraph' ? b.lines : b.items.map((i) => `- ${i}`)), '']),
  ]
    .join('\n')
    .trim();
  return { kind, lang, date: toDay(data.date), mission: data.mission, subject, dateLine, referenceLine, subjectLine, recipientLines, blocks, text };
}

// ---------------------------------------------------------------------------------------------
// PDF and DOCX
// ---------------------------------------------------------------------------------------------

/** Characters outside WinAnsi that letters may contain, and their nearest WinAnsi form. */
const WINANSI_FALLBACK: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space (French typography) → no-break space
  '\u2009': ' ',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
};
/** Code points above 0xFF that WinAnsi (Windows-1252) encodes. */
const WINANSI_EXTRA = new Set([402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338, 339, 732, 352, 353, 376, 381, 382]);

export function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WINANSI_EXTRA.has(c);
}

/** Text safe for the standard PDF fonts: known substitutes for a few characters, '?' for the rest. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) out += isWinAnsi(ch) ? ch : (WINANSI_FALLBACK[ch] ?? '?');
  return out;
}

export interface PdfOptions {
  /** Creation date written in the PDF metadata (defaults to the letter's date, so output is reproducible). */
  creationDate?: Date;
}

/** Renders a letter as an A4 PDF with the standard Helvetica fonts (WinAnsi: é, è, à, ç, œ, ’, « »). */
export function letterToPdf(letter: RenderedLetter, options: PdfOptions = {}): Promise<Buffer> {
  const created = options.creationDate ?? new Date(`${letter.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    lang: letter.lang === 'fr' ? 'fr-FR' : 'en-GB',
    info: { Title: toWinAnsi(letter.subject), Author: toWinAnsi(letter.mission), Subject: toWinAnsi(letter.subject), CreationDate: created },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 72 * 2;
  doc.font('Helvetica-Bold').fontSize(12).text(toWinAnsi(letter.mission), { width });
  doc.font('Helvetica').fontSize(10.5);
  doc.text(toWinAnsi(letter.dateLine), { width, align: 'right' });
  if (letter.referenceLine) doc.text(toWinAnsi(letter.referenceLine), { width });
  doc.moveDown();
  for (const l of letter.recipientLines) doc.text(toWinAnsi(l), { width });
  doc.moveDown();
  doc.font('Helvetica-Bold').text(toWinAnsi(letter.subjectLine), { width });
  doc.font('Helvetica').moveDown();
  for (const b of letter.blocks) {
    if (b.type === 'paragraph') {
      const justify = b.lines.length === 1 && b.lines[0]!.length > 90;
      for (const line of b.lines) doc.text(toWinAnsi(line), { width, align: justify ? 'justify' : 'left' });
    } else {
      for (const item of b.items) doc.text(toWinAnsi(`\u2022  ${item}`), doc.page.margins.left + 14, undefined, { width: width - 14, align: 'left' });
      doc.x = doc.page.margins.left;
    }
    doc.moveDown(0.6);
  }
  doc.end();
  return done;
}

/** Renders a letter as a DOCX document. */
export function letterToDocx(letter: RenderedLetter): Promise<Buffer> {
  const language = { value: letter.lang === 'fr' ? 'fr-FR' : 'en-GB' };
  const run = (text: string, extra: { bold?: boolean; break?: number } = {}) => new TextRun({ text, language, ...extra });
  const para = (children: TextRun[], extra: { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; bullet?: boolean } = {}) =>
    new Paragraph({
      children,
      alignment: extra.alignment,
      spacing: { after: extra.after ?? 0 },
      ...(extra.bullet ? { bullet: { level: 0 } } : {}),
    });
  const children: Paragraph[] = [
    para([run(letter.mission, { bold: true })]),
    para([run(letter.dateLine)], { alignment: AlignmentType.RIGHT }),
    ...(letter.referenceLine ? [para([run(letter.referenceLine)])] : []),
    para([], { after: 200 }),
    ...letter.recipientLines.map((l) => para([run(l)])),
    para([], { after: 200 }),
    para([run(letter.subjectLine, { bold: true })], { after: 240 }),
  ];
  for (const b of letter.blocks) {
    if (b.type === 'paragraph') {
      children.push(para(b.lines.map((l, i) => run(l, i > 0 ? { break: 1 } : {})), { after: 200, alignment: b.lines.length === 1 ? AlignmentType.JUSTIFIED : AlignmentType.LEFT }));
    } else {
      b.items.forEach((item, i) => children.push(para([run(item)], { bullet: true, after: i === b.items.length - 1 ? 200 : 60 })));
    }
  }
  const doc = new Document({
    creator: letter.mission,
    title: letter.subject,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ properties: {}, children }],
  });
  return Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------
// Staged notices
// ---------------------------------------------------------------------------------------------

export interface SentNotice {
  kind: NoticeKind;
  /** Day the notice was sent. */
  date: string;
  /** Deadline it set, if recorded (otherwise computed from the step's deadlineDays). */
  deadline?: string | null;
}

export interface NextNotice {
  step: NoticeKind;
  label: I18nText;
  /** null when the procedure has not started and no start day was given. */
  dueDate: string | null;
  overdue: boolean;
  basis: I18nText;
}

/** The deadline a notice sets: recorded, or its date plus the step's deadline days; null if the step sets none. */
export function noticeDeadline(notice: SentNotice, config: HrddpConfig['notices']): string | null {
  if (notice.deadline) return toDay(notice.deadline);
  const step = config.steps.find((s) => s.kind === notice.kind);
  return step?.deadlineDays ? addDays(toDay(notice.date), step.deadlineDays) : null;
}

/**
 * The next step of the staged-notice ladder and its due day, or null when the ladder is complete
 * (termination sent). The next step falls `afterPreviousDays` after the previous notice, or, when the
 * previous notice set a deadline, that many days after the deadline.
 */
export function nextNoticeDue(notices: SentNotice[], config: HrddpConfig['notices'], options: { start?: string; asOf?: string } = {}): NextNotice | null {
  const steps = config.steps;
  let lastIndex = -1;
  let last: SentNotice | null = null;
  for (const n of notices) {
    const i = steps.findIndex((s) => s.kind === n.kind);
    if (i < 0) continue;
    if (i > lastIndex || (i === lastIndex && last && toDay(n.date) > toDay(last.date))) {
      lastIndex = i;
      last = n;
    }
  }
  if (lastIndex === steps.length - 1) return null;
  const next = steps[lastIndex + 1]!;
  let dueDate: string | null;
  let basis: I18nText;
  if (!last) {
    dueDate = options.start ? addDays(toDay(options.start), next.afterPreviousDays) : null;
    basis = options.start
      ? { en: `${next.afterPreviousDays} days after the start of the procedure (${displayPartialDate(toDay(options.start), 'en')})`, fr: `${next.afterPreviousDays} jours après le début de la procédure (${displayPartialDate(toDay(options.start), 'fr')})` }
      : { en: 'no notice sent yet', fr: 'aucune notification envoyée' };
  } else {
    const prevStep = steps[lastIndex]!;
    const deadline = noticeDeadline(last, config);
    if (deadline) {
      dueDate = addDays(deadline, next.afterPreviousDays);
      basis = {
        en: `${next.afterPreviousDays} day(s) after the deadline of ${displayPartialDate(deadline, 'en')} set by the notice of ${displayPartialDate(toDay(last.date), 'en')} (${prevStep.label.en})`,
        fr: `${next.afterPreviousDays} jour(s) après le délai du ${displayPartialDate(deadline, 'fr')} fixé par l’envoi du ${displayPartialDate(toDay(last.date), 'fr')} (${prevStep.label.fr})`,
      };
    } else {
      dueDate = addDays(toDay(last.date), next.afterPreviousDays);
      basis = {
        en: `${next.afterPreviousDays} days after the notice of ${displayPartialDate(toDay(last.date), 'en')} (${prevStep.label.en})`,
        fr: `${next.afterPreviousDays} jours après l’envoi du ${displayPartialDate(toDay(last.date), 'fr')} (${prevStep.label.fr})`,
      };
    }
  }
  const overdue = !!(dueDate && options.asOf && toDay(options.asOf) > dueDate);
  return { step: next.kind, label: next.label, dueDate, overdue, basis };
}
