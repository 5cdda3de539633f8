-- Semester periods, the append-only audit trail of data changes, and per-region submissions.

CREATE TABLE period (
    code                   text PRIMARY KEY CHECK (code ~ '^20[0-9]{2}-S[12]$'),
    entry_opens            date NOT NULL,
    entry_closes           date NOT NULL CHECK (entry_closes >= entry_opens),
    methodology            text NOT NULL,
    methodology_version_id integer REFERENCES methodology_version (id),
    status                 text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'published')),
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    -- Once open, a period is scored with one fixed methodology revision.
    CHECK (status = 'draft' OR methodology_version_id IS NOT NULL)
);

CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid REFERENCES app_user (id),
    period_code text,
    region_code text,
    entity      text NOT NULL,
    entity_key  text NOT NULL,
    action      text NOT NULL,
    old_value   jsonb,
    new_value   jsonb
);

CREATE INDEX audit_event_scope_idx ON audit_event (period_code, region_code, id);
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_key, id);

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
