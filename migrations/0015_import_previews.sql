-- A coordinator's uploaded import, parsed and checked, waiting for confirmation (kept a day).

CREATE TABLE import_preview (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app_user (id),
    period_code text NOT NULL REFERENCES period (code),
    region_code text NOT NULL REFERENCES region (code),
    file_name   text NOT NULL,
    rows        jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX import_preview_created_idx ON import_preview (created_at);
