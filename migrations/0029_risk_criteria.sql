-- Risk criteria as versioned data (indicators/risk/*.json): likelihood and impact levels, the 5x5 analysis
-- matrix, the level bands, the appetite, categories, impact areas and treatment options. A revision is
-- immutable like a methodology revision: a changed file becomes a new revision. A period fixes the newest
-- revision of its version when it opens, and keeps it.
CREATE TABLE risk_criteria_version (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version      text NOT NULL,
    revision     integer NOT NULL CHECK (revision >= 1),
    content_hash text NOT NULL,
    definition   jsonb NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (version, revision),
    UNIQUE (version, content_hash)
);

ALTER TABLE period ADD COLUMN risk_criteria text NOT NULL DEFAULT 'v1';
ALTER TABLE period ADD COLUMN risk_criteria_version_id integer REFERENCES risk_criteria_version (id);
