-- Flagship programmes (program unggulan) of a region in a period, with their risk registers.

CREATE TABLE programme (
    id             uuid PRIMARY KEY,
    period_code    text NOT NULL,
    region_code    text NOT NULL,
    dimension      text NOT NULL,
    element        text NOT NULL,
    name           text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
    description    text,
    agency         text,
    start_year     integer,
    budget         numeric CHECK (budget IS NULL OR budget >= 0),
    maturity_level integer NOT NULL CHECK (maturity_level BETWEEN 1 AND 5),
    justification  text,
    verified_level integer CHECK (verified_level BETWEEN 1 AND 5),
    verified_note  text,
    sort_order     integer NOT NULL DEFAULT 0,
    version        integer NOT NULL DEFAULT 1,
    updated_by     uuid REFERENCES app_user (id),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (period_code, region_code) REFERENCES submission (period_code, region_code)
);

CREATE INDEX programme_scope_idx ON programme (period_code, region_code, dimension);

CREATE TABLE programme_risk (
    id           uuid PRIMARY KEY,
    programme_id uuid NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    likelihood   integer NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact       integer NOT NULL CHECK (impact BETWEEN 1 AND 5),
    mitigation   text,
    owner        text,
    sort_order   integer NOT NULL DEFAULT 0
);

CREATE INDEX programme_risk_programme_idx ON programme_risk (programme_id);
