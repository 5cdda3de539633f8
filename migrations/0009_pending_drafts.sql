-- What a coordinator typed when their session had expired: kept until they sign in again (one day at most).

CREATE TABLE pending_draft (
    id         text PRIMARY KEY,
    path       text NOT NULL,
    fields     jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX pending_draft_created_idx ON pending_draft (created_at);
