/**
 * The plain row the incident exports are written from, and its columns: key, HXL hashtag, and header
 * labels in English and French.
 *
 * Absent and unknown are different: the caller removes the fields a user may not see by leaving them
 * undefined (or leaving the key out); a field the user may see but whose value is not known is null.
 * Writers emit a field only when at least one row has it defined (null included). Pure module.
 */
import { labelOf, type Labels, type Lang, type Vocabulary } from '../vocabulary.ts';

export interface IncidentExportRow {
  id: string;
  /** One line saying what happened. */
  summary?: string | null;
  /** Partial date at the precision known: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  date?: string | null;
  /** First and last days the incident may have happened on ('YYYY-MM-DD'). */
  dateStart?: string | null;
  dateEnd?: string | null;
  /** 'day', 'week', 'month' or 'year'. */
  datePrecision?: string | null;
  country?: string | null;
  /** ISO 3166-1 alpha-2 (the stem of P-codes) or alpha-3. */
  countryCode?: string | null;
  admin1Name?: string | null;
  /** P-code, e.g. 'CD61'. */
  admin1Code?: string | null;
  admin2Name?: string | null;
  admin2Code?: string | null;
  locationName?: string | null;
  lat?: number | null;
  lon?: number | null;
  /** First party: the (alleged) perpetrator. */
  perpetrator?: string | null;
  /** Perpetrator type code (vocabulary `perpetratorTypes`). */
  perpetratorType?: string | null;
  /** Second party. */
  otherParty?: string | null;
  /** Act type codes (vocabulary `actTypes`). */
  actTypes?: string[] | null;
  /** Verification status code (vocabulary `verificationStatuses`). */
  verificationStatus?: string | null;
  killed?: number | null;
  injured?: number | null;
  source?: string | null;
  description?: string | null;
  /** Named victims (restricted: left undefined for users who may not see them). */
  namedVictims?: string[] | null;
  /** Who the sources are (restricted: left undefined for users who may not see them). */
  sourceIdentities?: string[] | null;
}

export type ExportKey = keyof IncidentExportRow;

export interface ExportColumn {
  key: ExportKey;
  /** Column identity in the output: the key, or 'actTypeLabels' for the labels derived from actTypes. */
  name: ExportKey | 'actTypeLabels';
  hxl: string;
  labels: Labels;
  kind: 'text' | 'number' | 'list' | 'code';
}

const col = (key: ExportKey, hxl: string, en: string, fr: string, kind: ExportColumn['kind'] = 'text', name: ExportColumn['name'] = key): ExportColumn => ({ key, name, hxl, labels: { en, fr }, kind });

/** All columns, in output order. `actTypeLabels` is written only when a vocabulary is given. */
export const EXPORT_COLUMNS: ExportColumn[] = [
  col('id', '#event+id', 'Incident ID', "Identifiant de l'incident"),
  col('summary', '#event+name', 'Summary', 'Résumé'),
  col('date', '#date+occurred', 'Date', 'Date'),
  col('dateStart', '#date+start', 'Start date', 'Date de début'),
  col('dateEnd', '#date+end', 'End date', 'Date de fin'),
  col('datePrecision', '#date+precision', 'Date precision', 'Précision de la date', 'code'),
  col('country', '#country+name', 'Country', 'Pays'),
  col('countryCode', '#country+code', 'Country code', 'Code du pays'),
  col('admin1Name', '#adm1+name', 'Admin level 1', 'Niveau administratif 1'),
  col('admin1Code', '#adm1+code', 'Admin level 1 P-code', 'P-code du niveau administratif 1'),
  col('admin2Name', '#adm2+name', 'Admin level 2', 'Niveau administratif 2'),
  col('admin2Code', '#adm2+code', 'Admin level 2 P-code', 'P-code du niveau administratif 2'),
  col('locationName', '#loc+name', 'Location', 'Lieu'),
  col('lat', '#geo+lat', 'Latitude', 'Latitude', 'number'),
  col('lon', '#geo+lon', 'Longitude', 'Longitude', 'number'),
  col('perpetrator', '#group+name+first', 'Perpetrator', 'Auteur présumé'),
  col('perpetratorType', '#group+type+first', 'Perpetrator type', "Type d'auteur", 'code'),
  col('otherParty', '#group+name+second', 'Other party', 'Autre partie'),
  col('actTypes', '#event+type+code', 'Act type codes', "Codes des types d'actes", 'list'),
  col('actTypes', '#event+type', 'Act types', "Types d'actes", 'list', 'actTypeLabels'),
  col('verificationStatus', '#status+verification', 'Verification status', 'Statut de vérification', 'code'),
  col('killed', '#affected+killed', 'Killed', 'Tués', 'number'),
  col('injured', '#affected+injured', 'Injured', 'Blessés', 'number'),
  col('source', '#meta+source', 'Source', 'Source'),
  col('description', '#description', 'Description', 'Description'),
  col('namedVictims', '#affected+name', 'Named victims', 'Victimes nommées', 'list'),
  col('sourceIdentities', '#meta+source+identity', 'Source identities', 'Identité des sources', 'list'),
];

const PRECISION_LABELS: Record<string, Labels> = {
  day: { en: 'day', fr: 'jour' },
  week: { en: 'week', fr: 'semaine' },
  month: { en: 'month', fr: 'mois' },
  year: { en: 'year', fr: 'année' },
};

/** Whether any row has the field defined (null counts: the user may see it, it is just unknown). */
export function fieldPresent(rows: readonly IncidentExportRow[], key: ExportKey): boolean {
  return rows.some((r) => r[key] !== undefined);
}

/** The columns to write for these rows: those with a field present in some row. */
export function columnsFor(rows: readonly IncidentExportRow[], options: { vocabulary?: Vocabulary } = {}): ExportColumn[] {
  return EXPORT_COLUMNS.filter((c) => (c.name === 'actTypeLabels' ? !!options.vocabulary : true) && fieldPresent(rows, c.key));
}

export interface CellOptions {
  lang: Lang;
  /** When given, codes (perpetrator type, verification status, act types in the labels column) are written as labels. */
  vocabulary?: Vocabulary;
}

/** The value of a column for a row, as text ('' when unknown). */
export function cellText(row: IncidentExportRow, c: ExportColumn, o: CellOptions): string {
  const v = row[c.key];
  if (v === undefined || v === null) return '';
  if (c.name === 'actTypeLabels') return (v as string[]).map((a) => (o.vocabulary ? labelOf('actTypes', a, o.lang, o.vocabulary) : a)).join('; ');
  if (c.kind === 'list') return (v as string[]).join('; ');
  if (c.kind === 'number') return typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
  if (c.key === 'datePrecision') return PRECISION_LABELS[String(v)]?.[o.lang] ?? String(v);
  if (c.key === 'perpetratorType' && o.vocabulary) return labelOf('perpetratorTypes', String(v), o.lang, o.vocabulary);
  if (c.key === 'verificationStatus' && o.vocabulary) return labelOf('verificationStatuses', String(v), o.lang, o.vocabulary);
  return String(v);
}

/** Valid WGS 84 coordinates of a row, or null. */
export function rowCoordinates(row: IncidentExportRow): [lon: number, lat: number] | null {
  const { lat, lon } = row;
  if (typeof lat !== 'number' || typeof lon !== 'number') return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return [lon, lat];
}
