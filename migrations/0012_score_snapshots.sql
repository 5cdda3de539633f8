-- Published scores: an immutable snapshot per publication of a period, one row per region with the whole
-- explained result. Re-publishing adds a new version; older versions stay readable as superseded.

CREATE TABLE score_snapshot (
    id                       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_code              text NOT NULL REFERENCES period (code),
    version                  integer NOT NULL CHECK (version >= 1),
    methodology_version_id   integer NOT NULL REFERENCES methodology_version (id),
    questionnaire_version_id integer REFERENCES questionnaire_version (id),
    content_hash             text NOT NULL,
    regions                  integer NOT NULL,
    reason                   text,
    created_by               uuid REFERENCES app_user (id),
    created_at               timestamptz NOT NULL DEFAULT now(),
    UNIQUE (period_code, version)
);

CREATE TABLE score_snapshot_region (
    snapshot_id integer NOT NULL REFERENCES score_snapshot (id),
    region_code text NOT NULL REFERENCES region (code),
    complete    boolean NOT NULL,
    index_1_5   numeric,
    index_100   numeric,
    result      jsonb NOT NULL,
    PRIMARY KEY (snapshot_id, region_code)
);

CREATE TRIGGER score_snapshot_append_only
    BEFORE UPDATE OR DELETE ON score_snapshot
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TRIGGER score_snapshot_region_append_only
    BEFORE UPDATE OR DELETE ON score_snapshot_region
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
