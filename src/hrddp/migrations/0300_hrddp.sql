-- Human rights due diligence: support requests and their recipients and participants, risk
-- assessments (versioned, with the evidence dossier they scored), mitigatory measures, decisions and
-- waivers, letters to the authorities, reviews raised by monitoring, suspensions, the mission's lists
-- of high-risk persons, follow-up committees. Every table follows the record conventions of the store.

CREATE TABLE hrddp_requests (
  id uuid PRIMARY KEY,
  reference text NOT NULL,
  title text NOT NULL,
  mission text NOT NULL,
  requesting_component text NOT NULL,
  requested_by text,
  requested_on date NOT NULL,
  support_kind text NOT NULL,
  sub_kind text,
  -- every support item: [{kind, subKind, subjects}]
  support_items jsonb NOT NULL DEFAULT '[]',
  -- recipients: [{unit_id, name, type}] (registry organisations)
  recipients jsonb NOT NULL DEFAULT '[]',
  recipient_unit_ids uuid[] NOT NULL DEFAULT '{}',
  -- the joint operation (a registry organisation) the support serves, if any
  operation_unit_id uuid,
  -- named commanders and participating persons of a joint operation: [{person_id, name, role, unit_id}]
  participants jsonb NOT NULL DEFAULT '[]',
  participant_person_ids uuid[] NOT NULL DEFAULT '{}',
  start_date date,
  end_date date,
  place text,
  value_amount numeric,
  value_currency text,
  -- narrative of the request, more sensitive than the request itself (field sensitivity)
  details text,
  state text NOT NULL,
  scope jsonb,
  support_started_on date,
  support_ended_on date,
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

CREATE TABLE hrddp_operation_plans (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES hrddp_requests (id),
  title text NOT NULL,
  content text NOT NULL,
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

CREATE TABLE hrddp_assessments (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES hrddp_requests (id),
  number integer NOT NULL,
  assessed_on date NOT NULL,
  config_version integer NOT NULL,
  dossier jsonb NOT NULL,
  inputs jsonb NOT NULL DEFAULT '{}',
  result jsonb NOT NULL,
  computed_level text NOT NULL,
  final_level text NOT NULL,
  override jsonb,
  completed boolean NOT NULL DEFAULT false,
  completed_on date,
  assessor text NOT NULL,
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

CREATE TABLE hrddp_measures (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES hrddp_requests (id),
  type text NOT NULL,
  description text,
  owner text NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'planned',
  implemented_on date,
  evidence jsonb NOT NULL DEFAULT '[]',
  person_ids uuid[] NOT NULL DEFAULT '{}',
  unit_ids uuid[] NOT NULL DEFAULT '{}',
  is_condition boolean NOT NULL DEFAULT true,
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

CREATE TABLE hrddp_decisions (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES hrddp_requests (id),
  transition_id text NOT NULL,
  decision text NOT NULL,
  decision_body text NOT NULL,
  decided_by text NOT NULL,
  decided_on date NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  reason text,
  assessment_id uuid,
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

CREATE TABLE hrddp_waivers (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES hrddp_requests (id),
  person_ids uuid[] NOT NULL DEFAULT '{}',
  review_id uuid,
  reason text NOT NULL,
  decision_body text NOT NULL,
  decided_by text NOT NULL,
  decided_on date NOT NULL,
  valid_until date,
  revoked_on date,
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

CREATE TABLE hrddp_letters (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES hrddp_requests (id),
  kind text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('en', 'fr')),
  letter_date date NOT NULL,
  reference text,
  data jsonb NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  deadline date,
  sent_on date,
  acknowledged_on date,
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

CREATE TABLE hrddp_reviews (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES hrddp_requests (id),
  trigger_id text NOT NULL,
  trigger_type text NOT NULL,
  -- the record that raised it (an incident, a posting, a listing, a measure) and the fact's key
  fact_type text NOT NULL,
  fact_id text NOT NULL,
  source_record_type text,
  source_record_id text,
  person_ids uuid[] NOT NULL DEFAULT '{}',
  listed_person_ids uuid[] NOT NULL DEFAULT '{}',
  description jsonb NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  raised_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'triaged', 'resolved')),
  priority text,
  triage_note text,
  triaged_by text,
  triaged_at timestamptz,
  resolution text,
  resolution_note text,
  resolved_by text,
  resolved_on date,
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

CREATE TABLE hrddp_suspensions (
  id uuid PRIMARY KEY,
  scope text NOT NULL CHECK (scope IN ('request', 'operation', 'unit')),
  request_id uuid REFERENCES hrddp_requests (id),
  operation_unit_id uuid,
  unit_id uuid,
  include_sub_units boolean NOT NULL DEFAULT false,
  from_date date NOT NULL,
  reason text NOT NULL,
  review_id uuid,
  decided_by text NOT NULL,
  -- requests whose support this suspension stopped
  request_ids uuid[] NOT NULL DEFAULT '{}',
  lifted_on date,
  lifted_by text,
  lift_reason text,
  -- conditions of resumption: [{text, measure_id}]
  resumption_conditions jsonb NOT NULL DEFAULT '[]',
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

CREATE TABLE hrddp_listings (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL,
  list text NOT NULL,
  since date NOT NULL,
  until date,
  reason text,
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

CREATE TABLE hrddp_committees (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  force text NOT NULL,
  chair text,
  secretariat text,
  members jsonb NOT NULL DEFAULT '[]',
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

CREATE TABLE hrddp_committee_sessions (
  id uuid PRIMARY KEY,
  committee_id uuid NOT NULL REFERENCES hrddp_committees (id),
  held_on date NOT NULL,
  members_present jsonb NOT NULL DEFAULT '[]',
  -- allegations presented and the security forces' answers: [{incident_id, unit_id, person_id, summary, answer}]
  cases jsonb NOT NULL DEFAULT '[]',
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

CREATE TABLE hrddp_committee_actions (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES hrddp_committee_sessions (id),
  kind text NOT NULL CHECK (kind IN ('disciplinary', 'judicial')),
  description text NOT NULL,
  incident_id text,
  person_id uuid,
  unit_id uuid,
  responsible text,
  due_date date,
  status text NOT NULL DEFAULT 'recommended',
  completed_on date,
  follow_up jsonb NOT NULL DEFAULT '[]',
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

CREATE INDEX hrddp_requests_state ON hrddp_requests (state);
CREATE INDEX hrddp_requests_units ON hrddp_requests USING gin (recipient_unit_ids);
CREATE INDEX hrddp_requests_persons ON hrddp_requests USING gin (participant_person_ids);
CREATE INDEX hrddp_requests_search ON hrddp_requests USING gin (search_text gin_trgm_ops);
CREATE INDEX hrddp_assessments_request ON hrddp_assessments (request_id, number);
CREATE INDEX hrddp_measures_request ON hrddp_measures (request_id);
CREATE INDEX hrddp_decisions_request ON hrddp_decisions (request_id);
CREATE INDEX hrddp_waivers_request ON hrddp_waivers (request_id);
CREATE INDEX hrddp_letters_request ON hrddp_letters (request_id, letter_date);
CREATE INDEX hrddp_reviews_request ON hrddp_reviews (request_id, status);
CREATE INDEX hrddp_reviews_raised ON hrddp_reviews (raised_at);
CREATE INDEX hrddp_listings_person ON hrddp_listings (person_id);
CREATE INDEX hrddp_committee_actions_session ON hrddp_committee_actions (session_id);
