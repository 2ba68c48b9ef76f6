/**
 * Record types of name screening (tables in migrations/0400_screening.sql). Reading needs
 * screening:read; managing watchlists screening:write; screening a roster screening:screen;
 * adjudicating a match (and closing its review) screening:adjudicate, which only the human rights
 * role holds.
 */
import { defineRecordType } from '../platform/store.ts';
import './settings.ts';

export const T = {
  list: 'screening-list',
  entry: 'screening-entry',
  screening: 'screening',
  adjudication: 'screening-adjudication',
  review: 'screening-review',
} as const;

export const LIST_KINDS = ['un-sanctions', 'ftm', 'mission', 'registry'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const DECISIONS = ['true-match', 'false-positive', 'needs-review'] as const;
export type Decision = (typeof DECISIONS)[number];

export const EVIDENCE_KINDS = ['registry-person', 'registry-unit', 'registry-posting', 'registry-source', 'incident', 'allegation', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The well-known list codes: the UN list, the mission's own list, the registry's implicit list. */
export const UN_LIST = 'un';
export const MISSION_LIST = 'mission';
export const REGISTRY_LIST = 'registry';

defineRecordType({ name: T.list, table: 'screening_lists', domain: 'screening', writePermission: 'screening:write', json: ['label'] });
defineRecordType({ name: T.entry, table: 'screening_entries', domain: 'screening', writePermission: 'screening:write', json: ['names', 'birth_dates', 'evidence', 'details'] });
defineRecordType({
  name: T.screening,
  table: 'screenings',
  domain: 'screening',
  writePermission: 'screening:screen',
  json: ['rows', 'results', 'problems', 'list_versions'],
  defaultSensitivity: 'restricted',
});
defineRecordType({ name: T.adjudication, table: 'screening_adjudications', domain: 'screening', writePermission: 'screening:adjudicate', defaultSensitivity: 'restricted' });
defineRecordType({ name: T.review, table: 'screening_reviews', domain: 'screening', writePermission: 'screening:adjudicate', defaultSensitivity: 'restricted' });
