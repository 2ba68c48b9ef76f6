/** Record types of the registry (tables in migrations/0100_registry.sql) and its settings. */
import { defineRecordType } from '../platform/store.ts';
import './config.ts';

export const T = {
  unit: 'registry-unit',
  person: 'registry-person',
  posting: 'registry-posting',
  link: 'registry-unit-link',
  location: 'registry-location',
  unitLocation: 'registry-unit-location',
  source: 'registry-source',
  citation: 'registry-citation',
  sfmIncident: 'registry-sfm-incident',
} as const;
export type RegistryRecordType = (typeof T)[keyof typeof T];

export const TABLES: Record<RegistryRecordType, string> = {
  'registry-unit': 'registry_units',
  'registry-person': 'registry_persons',
  'registry-posting': 'registry_postings',
  'registry-unit-link': 'registry_unit_links',
  'registry-location': 'registry_locations',
  'registry-unit-location': 'registry_unit_locations',
  'registry-source': 'registry_sources',
  'registry-citation': 'registry_citations',
  'registry-sfm-incident': 'registry_sfm_incidents',
};

const JSON_COLUMNS: Partial<Record<RegistryRecordType, string[]>> = {
  'registry-location': ['external_ids', 'admin_levels'],
  'registry-sfm-incident': ['external_ids', 'perpetrator_persons', 'perpetrator_units'],
};

for (const [name, table] of Object.entries(TABLES)) {
  defineRecordType({ name, table, domain: 'registry', json: JSON_COLUMNS[name as RegistryRecordType] ?? ['external_ids'] });
}

/** Short names accepted by the API and the CLI for the record types ('unit', 'posting', 'link'…). */
export const SHORT_TYPES: Record<string, RegistryRecordType> = {
  unit: T.unit,
  units: T.unit,
  organisation: T.unit,
  person: T.person,
  persons: T.person,
  posting: T.posting,
  postings: T.posting,
  relation: T.link,
  relations: T.link,
  link: T.link,
  links: T.link,
  location: T.location,
  locations: T.location,
  'unit-location': T.unitLocation,
  'unit-locations': T.unitLocation,
  site: T.unitLocation,
  sites: T.unitLocation,
  source: T.source,
  sources: T.source,
  citation: T.citation,
  citations: T.citation,
  'sfm-incident': T.sfmIncident,
  'sfm-incidents': T.sfmIncident,
};
