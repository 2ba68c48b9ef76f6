-- Relations with the host state: restrictions and obstruction of the mission, engagements with
-- host-state counterparts and the commitments made in them, dated stance judgements per actor and
-- level, cooperation events, leverage actions (tools of influence) and the mission's use of force.
--
-- A host-state actor is a registry record: actor_kind 'unit' (an organisation of the registry) or
-- 'person', with actor_id its id; both NULL when the actor is not known. The registry is read only
-- through its service (names, sub-units); these tables hold the ids. Dates from sources are partial-date
-- text ('2019', '2019-03', '2019-03-20'). Codes (types, levels, topics, statuses…) come from the
-- relations.config setting. search_text is maintained by the service for the domain's search. Every
-- table follows the record conventions of the store.

CREATE TABLE relations_restrictions (
  id uuid PRIMARY KEY,
  occurred_on text NOT NULL,
  end_date text,
  duration_days numeric,
  ongoing boolean NOT NULL DEFAULT false,
  place text,
  area text,
  scope text,
  actor_kind text CHECK (actor_kind IN ('unit', 'person')),
  actor_id uuid,
  actor_description text,
  type text NOT NULL,
  severity numeric,
  prevented text[] NOT NULL DEFAULT '{}',
  -- NULL: the default of the restriction type
  sofa_violation boolean,
  description text,
  -- names of mission staff harassed, detained or expelled (more sensitive than the record)
  affected_staff text,
  resolution text,
  resolved_on text,
  reported_to_hq_on text,
  reported_to_council_on text,
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
CREATE INDEX relations_restrictions_actor ON relations_restrictions (actor_id);
CREATE INDEX relations_restrictions_search ON relations_restrictions USING gin (search_text gin_trgm_ops);

CREATE TABLE relations_engagements (
  id uuid PRIMARY KEY,
  occurred_on text NOT NULL,
  place text,
  area text,
  tier text,
  scope text,
  -- the main counterpart (organisation or person)
  actor_kind text CHECK (actor_kind IN ('unit', 'person')),
  actor_id uuid,
  -- [{name, role}] on the mission's side; [{name, role, person_id, unit_id}] on the host state's
  mission_participants jsonb NOT NULL DEFAULT '[]',
  counterpart_participants jsonb NOT NULL DEFAULT '[]',
  topics text[] NOT NULL DEFAULT '{}',
  tone text,
  outcome text,
  summary text NOT NULL,
  notes text,
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
CREATE INDEX relations_engagements_actor ON relations_engagements (actor_id);
CREATE INDEX relations_engagements_search ON relations_engagements USING gin (search_text gin_trgm_ops);

CREATE TABLE relations_commitments (
  id uuid PRIMARY KEY,
  engagement_id uuid REFERENCES relations_engagements (id),
  actor_kind text NOT NULL CHECK (actor_kind IN ('unit', 'person')),
  actor_id uuid NOT NULL,
  -- who gave the word, when the actor is an organisation
  made_by text,
  summary text NOT NULL,
  made_on text NOT NULL,
  due_on text,
  -- the current status; every change is in status_changes [{date, status, note}] and in the revisions
  status text NOT NULL,
  status_changes jsonb NOT NULL DEFAULT '[]',
  area text,
  tier text,
  scope text,
  notes text,
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
CREATE INDEX relations_commitments_actor ON relations_commitments (actor_id);
CREATE INDEX relations_commitments_engagement ON relations_commitments (engagement_id);
CREATE INDEX relations_commitments_search ON relations_commitments USING gin (search_text gin_trgm_ops);

-- A dated judgement of an actor's working relationship with the mission (at a level, in an area).
CREATE TABLE relations_stances (
  id uuid PRIMARY KEY,
  actor_kind text NOT NULL CHECK (actor_kind IN ('unit', 'person')),
  actor_id uuid NOT NULL,
  level text,
  area text,
  as_of text NOT NULL,
  stance text NOT NULL,
  reasons text NOT NULL,
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
CREATE INDEX relations_stances_actor ON relations_stances (actor_id);

-- Cooperation by the host state (joint patrols, access granted, a commander removed…).
CREATE TABLE relations_cooperation (
  id uuid PRIMARY KEY,
  occurred_on text NOT NULL,
  type text NOT NULL,
  actor_kind text CHECK (actor_kind IN ('unit', 'person')),
  actor_id uuid,
  area text,
  tier text,
  scope text,
  summary text,
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
CREATE INDEX relations_cooperation_actor ON relations_cooperation (actor_id);

-- Tools of influence used on an actor (restricted by default: the record type's sensitivity).
CREATE TABLE relations_leverage (
  id uuid PRIMARY KEY,
  actor_kind text NOT NULL CHECK (actor_kind IN ('unit', 'person')),
  actor_id uuid NOT NULL,
  tool text NOT NULL,
  occurred_on text NOT NULL,
  ended_on text,
  partners text[] NOT NULL DEFAULT '{}',
  summary text NOT NULL,
  result text,
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
CREATE INDEX relations_leverage_actor ON relations_leverage (actor_id);

-- Every use or threat of force by the mission (restricted by default).
CREATE TABLE relations_force (
  id uuid PRIMARY KEY,
  occurred_on text NOT NULL,
  place text,
  area text,
  level text NOT NULL,
  target_type text NOT NULL,
  target_kind text CHECK (target_kind IN ('unit', 'person')),
  target_id uuid,
  target_description text,
  threat_only boolean NOT NULL DEFAULT false,
  purpose text NOT NULL,
  authority text,
  outcome text,
  target_casualties integer,
  civilians_killed integer,
  civilians_injured integer,
  civilian_harm text,
  summary text,
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
CREATE INDEX relations_force_target ON relations_force (target_id);
