/**
 * GeoJSON (RFC 7946) export of incidents: a FeatureCollection of Point features, coordinates
 * [longitude, latitude] in WGS 84, the feature id the incident id, the other fields as properties.
 *
 * Incidents without valid coordinates: by default they are kept as features with `geometry: null`
 * (RFC 7946 §3.2 allows it), so that the file lists every incident the table lists and a map simply
 * does not draw them; `withoutCoordinates: 'omit'` leaves them out instead. Either way `lat` and `lon`
 * are not repeated among the properties.
 *
 * Properties follow the row: a field undefined in a row (removed by the caller because the user may
 * not see it) is not written; null is written as null (visible but unknown). With a vocabulary, the
 * act-type, perpetrator-type and verification-status labels are added in the language asked
 * (`actTypeLabels`, `perpetratorTypeLabel`, `verificationStatusLabel`) beside the codes. Pure module.
 */
import { labelOf, type Lang, type Vocabulary } from '../vocabulary.ts';
import { rowCoordinates, type IncidentExportRow } from './row.ts';

export interface PointGeometry {
  type: 'Point';
  coordinates: [number, number];
}

export interface IncidentFeature {
  type: 'Feature';
  id: string;
  geometry: PointGeometry | null;
  properties: Record<string, unknown>;
}

export interface IncidentFeatureCollection {
  type: 'FeatureCollection';
  features: IncidentFeature[];
}

export interface GeoJsonOptions {
  /** 'null-geometry' (default): listed with geometry null; 'omit': left out. */
  withoutCoordinates?: 'null-geometry' | 'omit';
  vocabulary?: Vocabulary;
  /** Language of the labels added from the vocabulary. Default 'en'. */
  lang?: Lang;
}

export function toGeoJson(rows: readonly IncidentExportRow[], options: GeoJsonOptions = {}): IncidentFeatureCollection {
  const lang = options.lang ?? 'en';
  const features: IncidentFeature[] = [];
  for (const row of rows) {
    const coords = rowCoordinates(row);
    if (!coords && options.withoutCoordinates === 'omit') continue;
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (v === undefined || k === 'lat' || k === 'lon') continue;
      properties[k] = Array.isArray(v) ? [...v] : v;
    }
    const v = options.vocabulary;
    if (v) {
      if (Array.isArray(row.actTypes)) properties.actTypeLabels = row.actTypes.map((a) => labelOf('actTypes', a, lang, v));
      if (typeof row.perpetratorType === 'string') properties.perpetratorTypeLabel = labelOf('perpetratorTypes', row.perpetratorType, lang, v);
      if (typeof row.verificationStatus === 'string') properties.verificationStatusLabel = labelOf('verificationStatuses', row.verificationStatus, lang, v);
    }
    features.push({ type: 'Feature', id: row.id, geometry: coords ? { type: 'Point', coordinates: coords } : null, properties });
  }
  return { type: 'FeatureCollection', features };
}

/** The FeatureCollection as JSON text. */
export function writeGeoJson(rows: readonly IncidentExportRow[], options: GeoJsonOptions = {}): string {
  return JSON.stringify(toGeoJson(rows, options));
}
