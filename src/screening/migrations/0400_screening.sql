-- Name screening: watchlists and their entries, stored screenings of rosters, adjudications of
-- matches, and reviews raised when a hit appears that nobody has looked at yet.
--
-- Watchlists (screening_lists) are the UN Security Council Consolidated List ('un'), FollowTheMoney
-- imports ('ftm' or a code given at import), the mission's own list of high-risk persons and units
-- ('mission') and the implicit list of registry persons linked to grave violations ('registry').
-- content_version goes up by one whenever an entry of the list is listed, changed or delisted: the
-- matcher index is built once per content version, and earlier screenings are re-run against it.
-- Every table follows the record conventions of the store (written only through it).

CREATE TABLE screening_lists (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('un-sanctions', 'ftm', 'mission', 'registry')),
  -- {"en": "...", "fr": "..."}
  label jsonb NOT NULL DEFAULT '{}',
  -- where the entries came from: file name, dataset, and the date the source was generated
  source text,
  source_date text,
  content_version integer NOT NULL DEFAULT 0,
  entry_count integer NOT NULL DEFAULT 0,
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

-- One listed person or entity. external_id is the list's own id (UN DATAID, FollowTheMoney id,
-- registry person id; the entry's own id on the mission list). names: every name form for matching,
-- [{"name", "quality": primary|good|low, "form": name|original-script|alias|aka|fka|weak-alias|previous-name}];
-- birth_dates: every form the source gives ([{"type": exact|year|approximately|between, ...,"note"}]).
-- Delisting is a state (status, with who, when and why), never a deletion.
CREATE TABLE screening_entries (
  id uuid PRIMARY KEY,
  list_code text NOT NULL,
  external_id text NOT NULL,
  entry_type text NOT NULL CHECK (entry_type IN ('individual', 'entity')),
  name text NOT NULL,
  names jsonb NOT NULL DEFAULT '[]',
  birth_dates jsonb NOT NULL DEFAULT '[]',
  nationalities text[] NOT NULL DEFAULT '{}',
  gender text,
  -- UN: REFERENCE_NUMBER (CDi.001) and UN_LIST_TYPE (the sanctions regime)
  reference text,
  regime text,
  listed_on text,
  status text NOT NULL DEFAULT 'listed' CHECK (status IN ('listed', 'delisted')),
  listed_at timestamptz NOT NULL DEFAULT now(),
  listed_by text NOT NULL,
  delisted_at timestamptz,
  delisted_by text,
  delisting_reason text,
  -- mission list: why the person or unit is listed, and the evidence in the registry and incidents
  reason text,
  -- [{"kind": registry-person|registry-unit|registry-posting|registry-source|incident|allegation|document, "ref", "note"}]
  evidence jsonb NOT NULL DEFAULT '[]',
  registry_person_id uuid,
  registry_unit_id uuid,
  -- everything else the source says (comments, titles, designations, places of birth, documents…)
  details jsonb NOT NULL DEFAULT '{}',
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
CREATE UNIQUE INDEX screening_entries_key ON screening_entries (list_code, external_id);
CREATE INDEX screening_entries_person ON screening_entries (registry_person_id) WHERE registry_person_id IS NOT NULL;
CREATE INDEX screening_entries_unit ON screening_entries (registry_unit_id) WHERE registry_unit_id IS NOT NULL;

-- A roster screened against lists. rows: the roster as read ([{"row", "line", "name", "birth_date",
-- "nationality", "gender", "unit", "rank", "extra"}]); results: the rows with matches
-- ([{"row", "matches": [{"list", "id", "name", "score", "explanation"}]}]), replaced on each re-run.
-- Roster rows name people: restricted by default (setting screening.policy).
CREATE TABLE screenings (
  id uuid PRIMARY KEY,
  title text,
  source_kind text NOT NULL CHECK (source_kind IN ('csv', 'rows')),
  file_name text,
  roster_hash text NOT NULL,
  lists text[] NOT NULL DEFAULT '{}',
  threshold double precision,
  rows jsonb NOT NULL DEFAULT '[]',
  results jsonb NOT NULL DEFAULT '[]',
  problems jsonb NOT NULL DEFAULT '[]',
  row_count integer NOT NULL DEFAULT 0,
  rows_with_matches integer NOT NULL DEFAULT 0,
  match_count integer NOT NULL DEFAULT 0,
  -- {"un": 3, "mission": 7}: the content version of each list the results were computed against
  list_versions jsonb NOT NULL DEFAULT '{}',
  config_version integer NOT NULL DEFAULT 0,
  run_count integer NOT NULL DEFAULT 1,
  last_run_at timestamptz NOT NULL DEFAULT now(),
  sensitivity text NOT NULL DEFAULT 'restricted',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX screenings_hash ON screenings (roster_hash);

-- The decision on a match, by the human rights officer: remembered for the same list entry and the
-- same screened person (normalised name, and birth date when the roster gave one: birth_key '' otherwise).
CREATE TABLE screening_adjudications (
  id uuid PRIMARY KEY,
  list_code text NOT NULL,
  entry_id text NOT NULL,
  name_key text NOT NULL,
  birth_key text NOT NULL DEFAULT '',
  roster_name text NOT NULL,
  birth_date text,
  entry_name text,
  decision text NOT NULL CHECK (decision IN ('true-match', 'false-positive', 'needs-review')),
  note text,
  score double precision,
  screening_id uuid REFERENCES screenings (id),
  row_no integer,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  sensitivity text NOT NULL DEFAULT 'restricted',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE UNIQUE INDEX screening_adjudications_key ON screening_adjudications (list_code, entry_id, name_key, birth_key) WHERE retracted_at IS NULL;

-- A hit somebody must look at: found when a re-run after a list change turned up a match that the
-- earlier run did not have ('list-change'), or hidden from the person who screened because the entry is
-- beyond their clearance ('withheld'). Closed by the adjudication of the match.
CREATE TABLE screening_reviews (
  id uuid PRIMARY KEY,
  screening_id uuid NOT NULL REFERENCES screenings (id),
  row_no integer NOT NULL,
  roster_name text NOT NULL,
  birth_date text,
  name_key text NOT NULL,
  birth_key text NOT NULL DEFAULT '',
  list_code text NOT NULL,
  entry_id text NOT NULL,
  entry_name text NOT NULL,
  score double precision NOT NULL,
  cause text NOT NULL CHECK (cause IN ('list-change', 'withheld')),
  list_version integer,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  adjudication_id uuid REFERENCES screening_adjudications (id),
  closed_at timestamptz,
  closed_by text,
  sensitivity text NOT NULL DEFAULT 'restricted',
  compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz,
  retracted_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX screening_reviews_open ON screening_reviews (status, list_code, entry_id);
CREATE INDEX screening_reviews_screening ON screening_reviews (screening_id);
