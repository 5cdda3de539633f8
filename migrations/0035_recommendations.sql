-- The evaluator's recommendations to a region and the region's follow-up (tindak lanjut) of each, per period,
-- with the evaluator's verification of every follow-up. A recommendation outlives the period it was written in:
-- it stays open until a verification accepts its follow-up as done (closed_period).

CREATE TABLE recommendation (
    id           uuid PRIMARY KEY,
    region_code  text NOT NULL REFERENCES region (code),
    period_code  text NOT NULL REFERENCES period (code),
    addressed_to text NOT NULL CHECK (length(addressed_to) BETWEEN 1 AND 40),
    dimension    text,
    programme_id uuid REFERENCES programme_identity (id),
    risk_id      uuid,
    obstacle_id  uuid REFERENCES obstacle_identity (id),
    text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    priority     text NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
    due_period   text NOT NULL CHECK (due_period ~ '^[0-9]{4}-S[12]$'),
    closed_period text CHECK (closed_period ~ '^[0-9]{4}-S[12]$'),
    created_by   uuid REFERENCES app_user (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (due_period > period_code)
);

CREATE INDEX recommendation_region_idx ON recommendation (region_code, period_code);

CREATE TABLE recommendation_follow_up (
    recommendation_id uuid NOT NULL REFERENCES recommendation (id),
    period_code       text NOT NULL REFERENCES period (code),
    status            text NOT NULL CHECK (status IN ('done', 'in_progress', 'not_started', 'cannot')),
    action            text CHECK (length(action) <= 2000),
    reason            text CHECK (length(reason) <= 2000),
    evidence          text CHECK (length(evidence) <= 500),
    updated_by        uuid REFERENCES app_user (id),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    verdict           text CHECK (verdict IN ('done', 'in_progress', 'not_done')),
    verdict_note      text CHECK (length(verdict_note) <= 2000),
    verified_by       uuid REFERENCES app_user (id),
    verified_at       timestamptz,
    PRIMARY KEY (recommendation_id, period_code),
    CHECK (status <> 'cannot' OR length(trim(reason)) > 0)
);

CREATE INDEX recommendation_follow_up_period_idx ON recommendation_follow_up (period_code);
