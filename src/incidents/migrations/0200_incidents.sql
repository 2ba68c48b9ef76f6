-- Incidents of violence against civilians and human rights violations (HURIDOCS events: event, act,
-- victim, perpetrator with involvement, source), with verification status and grave-violation
-- classification. Registry organisations and persons are referred to by id only (the registry's
-- service is the way to them). Every table follows the record conventions of the store.

CREATE TABLE incidents (
  id uuid PRIMARY KEY,
  summary text NOT NULL,
  description text,
  -- partial dates ('2015', '2015-03', '2015-03-20'); date_start/date_end: first and last day it may have happened
  date text NOT NULL,
  end_date text,
  date_precision text NOT NULL CHECK (date_precision IN ('day', 'week', 'month', 'year')),
  date_start date NOT NULL,
  date_end date NOT NULL,
  country text,
  country_code text,
  admin1 text,
  admin1_code text,
  admin2 text,
  admin2_code text,
  location text,
  lat double precision,
  lon double precision,
  location_precision text,
  -- [{ "act_type": "...", "victims": N | null, "description": "..." }]; act_types is the list of their codes
  acts jsonb NOT NULL DEFAULT '[]',
  act_types text[] NOT NULL DEFAULT '{}',
  severity text,
  flags text[] NOT NULL DEFAULT '{}',
  -- victims counted by sex and age group: [{ "sex": "female", "age_group": "child", "count": 2 }]
  victims jsonb NOT NULL DEFAULT '[]',
  victim_total integer,
  fatalities integer,
  injured integer,
  perpetrator_types text[] NOT NULL DEFAULT '{}',
  verification_status text NOT NULL,
  -- the classification by the configured rules, and an officer's override ({ grave, categories, reason, by, at })
  classification jsonb NOT NULL DEFAULT '{}',
  classification_override jsonb,
  grave boolean NOT NULL DEFAULT false,
  categories text[] NOT NULL DEFAULT '{}',
  source text NOT NULL DEFAULT 'manual',
  source_event_id text,
  event_type text,
  sub_event_type text,
  source_data jsonb NOT NULL DEFAULT '{}',
  external_ids jsonb NOT NULL DEFAULT '{}',
  search_text text NOT NULL DEFAULT '',
  -- folded names of the place (location, admin2, admin1) for area filters
  place_text text NOT NULL DEFAULT '',
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
CREATE UNIQUE INDEX incidents_source_event ON incidents (source, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX incidents_dates ON incidents (date_start, date_end);
CREATE INDEX incidents_admin1 ON incidents (admin1);
CREATE INDEX incidents_sfm ON incidents ((external_ids ->> 'sfm'));

-- Who did it: a registry organisation or person, with the degree of involvement and the confidence
-- of the attribution; or only a perpetrator type when no unit is known. actor_name: as the source named it.
CREATE TABLE incident_perpetrators (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  unit_id uuid,
  person_id uuid,
  perpetrator_type text,
  actor_name text,
  involvement text NOT NULL,
  confidence text NOT NULL CHECK (confidence IN ('low', 'medium', 'high')),
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
  CHECK (unit_id IS NOT NULL OR person_id IS NOT NULL OR perpetrator_type IS NOT NULL)
);
CREATE INDEX incident_perpetrators_incident ON incident_perpetrators (incident_id);
CREATE INDEX incident_perpetrators_unit ON incident_perpetrators (unit_id);
CREATE INDEX incident_perpetrators_person ON incident_perpetrators (person_id);

-- Named victims: restricted records (need-to-know).
CREATE TABLE incident_victims (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  name text NOT NULL,
  sex text,
  age integer,
  age_group text,
  act_types text[] NOT NULL DEFAULT '{}',
  notes text,
  external_ids jsonb NOT NULL DEFAULT '{}',
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
CREATE INDEX incident_victims_incident ON incident_victims (incident_id);

-- Sources of an incident: a dataset row, a report, a witness. identity and contact say who the source
-- is (restricted fields); registry_source_id cites a source kept in the registry.
CREATE TABLE incident_sources (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  kind text NOT NULL,
  title text NOT NULL,
  reference text,
  publisher text,
  published_date text,
  url text,
  identity text,
  contact text,
  reliability text,
  registry_source_id uuid,
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
CREATE INDEX incident_sources_incident ON incident_sources (incident_id);

-- Actor names of imported datasets mapped to registry organisations (or persons), or deliberately left
-- unmapped (ignored). source: 'acled', 'ucdp' or 'any'; actor_key: the folded name.
CREATE TABLE incident_actor_mappings (
  id uuid PRIMARY KEY,
  source text NOT NULL,
  actor_name text NOT NULL,
  actor_key text NOT NULL,
  unit_id uuid,
  person_id uuid,
  perpetrator_type text,
  ignored boolean NOT NULL DEFAULT false,
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
CREATE UNIQUE INDEX incident_actor_mappings_key ON incident_actor_mappings (source, actor_key) WHERE retracted_at IS NULL;
