-- Registry of host-state actors: organisations (units, commands, ministries, courts, armed groups,
-- joint operations, contingents), persons, and the dated facts linking them (postings, parent/child and
-- membership links, sites and areas of operations), with sources cited by any fact.
--
-- Dated facts keep their dates as partial-date text ('2015', '2015-03', '2015-03-20') with their meaning
-- (start_exact: founded/began vs first cited; end_state: open | ended | exact) and two derived columns
-- for queries: start_min (first day the start may stand for) and end_max (last day the end may stand
-- for; NULL when open or unknown). external_ids holds ids in other systems ({"sfm": "<uuid>"}), so
-- re-imports find their records. Every table follows the record conventions of the store.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE registry_units (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  other_names text[] NOT NULL DEFAULT '{}',
  kind text NOT NULL DEFAULT 'unit',
  classifications text[] NOT NULL DEFAULT '{}',
  -- stands in for an unknown unit to bridge a gap in a hierarchy: holds no postings, never a perpetrator
  placeholder boolean NOT NULL DEFAULT false,
  country text,
  level text,
  start_date text,
  start_exact boolean NOT NULL DEFAULT false,
  end_date text,
  end_state text NOT NULL DEFAULT 'open' CHECK (end_state IN ('open', 'ended', 'exact')),
  start_min date,
  end_max date,
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
  search_text text NOT NULL DEFAULT '',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_units_sfm ON registry_units ((external_ids ->> 'sfm'));
CREATE INDEX registry_units_search ON registry_units USING gin (search_text gin_trgm_ops);

CREATE TABLE registry_persons (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  given_names text,
  family_name text,
  other_names text[] NOT NULL DEFAULT '{}',
  original_script_names text[] NOT NULL DEFAULT '{}',
  birth_date text,
  gender text,
  nationalities text[] NOT NULL DEFAULT '{}',
  country text,
  deceased boolean,
  death_date text,
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
  search_text text NOT NULL DEFAULT '',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_persons_sfm ON registry_persons ((external_ids ->> 'sfm'));
CREATE INDEX registry_persons_search ON registry_persons USING gin (search_text gin_trgm_ops);

-- A person in an organisation: role (commander, deputy…), rank and title at the time.
CREATE TABLE registry_postings (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES registry_persons (id),
  unit_id uuid NOT NULL REFERENCES registry_units (id),
  role text,
  -- explicit kind of role (a registry.vocabularies role code); NULL = derived from the role text
  role_kind text,
  rank text,
  title text,
  start_date text,
  start_exact boolean NOT NULL DEFAULT false,
  end_date text,
  end_state text NOT NULL DEFAULT 'open' CHECK (end_state IN ('open', 'ended', 'exact')),
  start_min date,
  end_max date,
  confidence text CHECK (confidence IN ('low', 'medium', 'high')),
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_postings_unit ON registry_postings (unit_id, start_min);
CREATE INDEX registry_postings_person ON registry_postings (person_id, start_min);
CREATE INDEX registry_postings_sfm ON registry_postings ((external_ids ->> 'sfm'));

-- Links between organisations. kind 'parent': related_unit_id is the parent (command hierarchy) of
-- unit_id; kind 'member': unit_id is a member of related_unit_id (joint operation, task force,
-- mission), which is not command.
CREATE TABLE registry_unit_links (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES registry_units (id),
  related_unit_id uuid NOT NULL REFERENCES registry_units (id),
  kind text NOT NULL CHECK (kind IN ('parent', 'member')),
  relation_class text,
  start_date text,
  start_exact boolean NOT NULL DEFAULT false,
  end_date text,
  end_state text NOT NULL DEFAULT 'open' CHECK (end_state IN ('open', 'ended', 'exact')),
  start_min date,
  end_max date,
  confidence text CHECK (confidence IN ('low', 'medium', 'high')),
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  CHECK (unit_id <> related_unit_id)
);
CREATE INDEX registry_unit_links_unit ON registry_unit_links (unit_id, kind);
CREATE INDEX registry_unit_links_related ON registry_unit_links (related_unit_id, kind);
CREATE INDEX registry_unit_links_sfm ON registry_unit_links ((external_ids ->> 'sfm'));

-- Places: a base, a town, an administrative area; area_keys are the folded names of the place and of
-- the areas enclosing it (for "units in this area").
CREATE TABLE registry_locations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  label text,
  geo_type text,
  origin text,
  osm_id text,
  country text,
  admin_level text,
  admin_levels jsonb NOT NULL DEFAULT '[]',
  area_keys text[] NOT NULL DEFAULT '{}',
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_locations_sfm ON registry_locations ((external_ids ->> 'sfm'));
CREATE INDEX registry_locations_area ON registry_locations USING gin (area_keys);

-- A unit's site (base) or area of operations, dated.
CREATE TABLE registry_unit_locations (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES registry_units (id),
  kind text NOT NULL CHECK (kind IN ('site', 'aoo')),
  location_id uuid REFERENCES registry_locations (id),
  base_name text,
  label text,
  area_keys text[] NOT NULL DEFAULT '{}',
  start_date text,
  start_exact boolean NOT NULL DEFAULT false,
  end_date text,
  end_state text NOT NULL DEFAULT 'open' CHECK (end_state IN ('open', 'ended', 'exact')),
  start_min date,
  end_max date,
  confidence text CHECK (confidence IN ('low', 'medium', 'high')),
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_unit_locations_unit ON registry_unit_locations (unit_id);
CREATE INDEX registry_unit_locations_location ON registry_unit_locations (location_id);
CREATE INDEX registry_unit_locations_area ON registry_unit_locations USING gin (area_keys);
CREATE INDEX registry_unit_locations_sfm ON registry_unit_locations ((external_ids ->> 'sfm'));

-- A source (document, report, interview note, web page with its archive copy).
CREATE TABLE registry_sources (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  title text NOT NULL,
  author text,
  publisher text,
  published_date text,
  url text,
  archive_url text,
  accessed_date text,
  language text,
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_sources_sfm ON registry_sources ((external_ids ->> 'sfm'));

-- A source cited by a fact (any record of any domain; field NULL = the whole record), with the page or
-- excerpt and the confidence the fact has on that source.
CREATE TABLE registry_citations (
  id uuid PRIMARY KEY,
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  field text,
  source_id uuid NOT NULL REFERENCES registry_sources (id),
  page text,
  excerpt text,
  confidence text CHECK (confidence IN ('low', 'medium', 'high')),
  external_ids jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_citations_record ON registry_citations (record_type, record_id);
CREATE INDEX registry_citations_source ON registry_citations (source_id);

-- Incidents read from SFM workbooks, kept here until the incidents domain takes them over (taken_*).
CREATE TABLE registry_sfm_incidents (
  id uuid PRIMARY KEY,
  start_date text,
  end_date text,
  pub_date text,
  update_date text,
  location_description text,
  location_label text,
  location_id uuid REFERENCES registry_locations (id),
  violation_type text,
  violation_types text[] NOT NULL DEFAULT '{}',
  description text,
  -- [{ "sfm": "<id>", "id": "<registry uuid or null>", "name": "…" }]
  perpetrator_persons jsonb NOT NULL DEFAULT '[]',
  perpetrator_units jsonb NOT NULL DEFAULT '[]',
  perpetrator_classifications text[] NOT NULL DEFAULT '{}',
  taken_by text,
  taken_ref text,
  taken_at timestamptz,
  external_ids jsonb NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX registry_sfm_incidents_sfm ON registry_sfm_incidents ((external_ids ->> 'sfm'));
