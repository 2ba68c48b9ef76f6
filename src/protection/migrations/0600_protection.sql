-- Protection of civilians: early-warning alerts (with their callers kept apart, readable only by the
-- roles that need them), the threat register and the mission activities against each threat, justice
-- support cases and their defendants, capacity building and projects. Every table follows the record
-- conventions of the store; ids are UUIDs given by the application.

-- An alert and its workflow. received_at keeps the time as given, with its offset (the local time at
-- which the community called); received_instant and received_day (local day at the place) are derived
-- for queries. history, responses and merged hold the timed and attributed steps (see alerts.ts).
CREATE TABLE protection_alerts (
  id uuid PRIMARY KEY,
  received_at text NOT NULL,
  received_instant timestamptz NOT NULL,
  received_day date NOT NULL,
  received_by text NOT NULL,
  channel text NOT NULL,
  threat_type text NOT NULL,
  area_code text,
  area_name text,
  place text,
  location_id uuid,
  threatened_population text,
  population_estimate integer,
  suspected_actor text,
  suspected_unit_id uuid,
  suspected_person_id uuid,
  summary text,
  priority text,
  state text NOT NULL,
  verification text,
  history jsonb NOT NULL DEFAULT '[]',
  responses jsonb NOT NULL DEFAULT '[]',
  merged jsonb NOT NULL DEFAULT '[]',
  merged_into uuid REFERENCES protection_alerts (id),
  state_changed_at timestamptz NOT NULL,
  first_response_at timestamptz,
  incident_id uuid,
  incident_linked_at timestamptz,
  incident_linked_by text,
  search_text text NOT NULL DEFAULT '',
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
CREATE INDEX protection_alerts_received ON protection_alerts (received_instant);
CREATE INDEX protection_alerts_state ON protection_alerts (state, received_instant);
CREATE INDEX protection_alerts_area ON protection_alerts (area_code);
CREATE INDEX protection_alerts_search ON protection_alerts USING gin (search_text gin_trgm_ops);

-- Who called: a record of its own (restricted by default, and behind its own permission), so no
-- list, search, export or history of alerts can carry it to a reader who may not know it.
CREATE TABLE protection_alert_callers (
  id uuid PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES protection_alerts (id),
  name text,
  phone text,
  relationship text,
  community text,
  callback_consent boolean,
  notes text,
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
CREATE INDEX protection_alert_callers_alert ON protection_alert_callers (alert_id);

-- The threat register: who threatens whom, where, how likely and how grave, tagged with POC tiers and a phase.
CREATE TABLE protection_threats (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  threat_type text NOT NULL,
  actor text,
  actor_unit_id uuid,
  threatened_population text,
  area_code text,
  area_name text,
  place text,
  likelihood text NOT NULL,
  impact text NOT NULL,
  tiers text[] NOT NULL DEFAULT '{}',
  phase text,
  status text NOT NULL,
  summary text,
  search_text text NOT NULL DEFAULT '',
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
CREATE INDEX protection_threats_area ON protection_threats (area_code);
CREATE INDEX protection_threats_search ON protection_threats USING gin (search_text gin_trgm_ops);

-- What the mission does against a threat (patrols, dialogue, early-warning cells…), tagged too.
CREATE TABLE protection_threat_activities (
  id uuid PRIMARY KEY,
  threat_id uuid NOT NULL REFERENCES protection_threats (id),
  title text NOT NULL,
  kind text,
  tiers text[] NOT NULL DEFAULT '{}',
  phase text,
  start_date text,
  end_date text,
  responsible text,
  status text,
  notes text,
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
CREATE INDEX protection_threat_activities_threat ON protection_threat_activities (threat_id);

-- A case the mission supports in a national court. stages: [{stage, on, by}]; support: [{kind, on, description, by}].
CREATE TABLE protection_justice_cases (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  court_type text NOT NULL,
  court_name text,
  court_unit_id uuid,
  area_code text,
  place text,
  crime_date text,
  opened_on text,
  stage text,
  stages jsonb NOT NULL DEFAULT '[]',
  support jsonb NOT NULL DEFAULT '[]',
  incident_ids uuid[] NOT NULL DEFAULT '{}',
  summary text,
  search_text text NOT NULL DEFAULT '',
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
CREATE INDEX protection_justice_cases_search ON protection_justice_cases USING gin (search_text gin_trgm_ops);

-- A defendant: a registry person where known, with the affiliation, unit and rank at the time of the
-- crime (read from the registry's postings, or recorded from the court file: rank_source says which).
CREATE TABLE protection_defendants (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES protection_justice_cases (id),
  position integer NOT NULL DEFAULT 0,
  person_id uuid,
  name text,
  crime_date text,
  affiliation text,
  affiliation_source text NOT NULL DEFAULT 'recorded',
  unit_id uuid,
  posting_id uuid,
  rank_at_crime text,
  rank_source text NOT NULL DEFAULT 'recorded',
  charges text[] NOT NULL DEFAULT '{}',
  outcome text,
  outcome_on text,
  sentence text,
  notes text,
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
CREATE INDEX protection_defendants_case ON protection_defendants (case_id);
CREATE INDEX protection_defendants_person ON protection_defendants (person_id);

-- Capacity building and projects: trainings, mentoring, equipment, quick-impact projects.
CREATE TABLE protection_projects (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL,
  recipient_unit_ids uuid[] NOT NULL DEFAULT '{}',
  recipient_institutions text[] NOT NULL DEFAULT '{}',
  start_date text NOT NULL,
  end_date text,
  place text,
  area_codes text[] NOT NULL DEFAULT '{}',
  cost numeric,
  currency text,
  participants integer,
  summary text,
  search_text text NOT NULL DEFAULT '',
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
