-- The evaluator's review: working marks per item (accepted or returned with a reason, a comment), decisions
-- (return for revision, approve) with the items they returned, evaluator assignments, and in-app
-- notifications (optionally mailed).

ALTER TABLE submission ADD COLUMN round integer NOT NULL DEFAULT 0;

CREATE TABLE review_mark (
    period_code text NOT NULL,
    region_code text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('indicator', 'programme')),
    target      text NOT NULL,
    state       text NOT NULL CHECK (state IN ('accepted', 'returned', 'open')),
    reason      text CHECK (length(reason) <= 1000),
    comment     text CHECK (length(comment) <= 2000),
    updated_by  uuid REFERENCES app_user (id),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_code, region_code, kind, target),
    FOREIGN KEY (period_code, region_code) REFERENCES submission (period_code, region_code),
    CHECK (state <> 'returned' OR length(trim(reason)) > 0)
);

CREATE TABLE review_decision (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_code text NOT NULL,
    region_code text NOT NULL,
    round       integer NOT NULL,
    decision    text NOT NULL CHECK (decision IN ('return', 'approve')),
    comment     text CHECK (length(comment) <= 2000),
    decided_by  uuid REFERENCES app_user (id),
    decided_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (period_code, region_code) REFERENCES submission (period_code, region_code)
);

CREATE INDEX review_decision_scope_idx ON review_decision (period_code, region_code, id);

CREATE TABLE review_item (
    decision_id bigint NOT NULL REFERENCES review_decision (id),
    kind        text NOT NULL CHECK (kind IN ('indicator', 'programme')),
    target      text NOT NULL,
    reason      text NOT NULL,
    PRIMARY KEY (decision_id, kind, target)
);

CREATE TRIGGER review_decision_append_only BEFORE UPDATE OR DELETE ON review_decision FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER review_item_append_only BEFORE UPDATE OR DELETE ON review_item FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE evaluator_assignment (
    region_code  text NOT NULL REFERENCES region (code),
    evaluator_id uuid NOT NULL REFERENCES app_user (id),
    assigned_by  uuid REFERENCES app_user (id),
    assigned_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region_code, evaluator_id)
);

CREATE TABLE notification (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user (id),
    kind        text NOT NULL,
    period_code text,
    region_code text,
    dedupe_key  text NOT NULL,
    text_id     text NOT NULL,
    text_en     text NOT NULL,
    link        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz,
    mailed_at   timestamptz,
    UNIQUE (user_id, dedupe_key)
);

CREATE INDEX notification_unread_idx ON notification (user_id, id) WHERE read_at IS NULL;
CREATE INDEX notification_unmailed_idx ON notification (id) WHERE mailed_at IS NULL;
