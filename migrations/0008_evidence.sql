-- Evidence of indicator values and programmes: uploaded files (kept in PostgreSQL) and links.

CREATE TABLE evidence (
    id            uuid PRIMARY KEY,
    period_code   text NOT NULL,
    region_code   text NOT NULL,
    target        text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('file', 'link')),
    file_name     text,
    content_type  text,
    size_bytes    bigint,
    content       bytea,
    sha256        text,
    url           text,
    uploaded_by   uuid REFERENCES app_user (id),
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (period_code, region_code) REFERENCES submission (period_code, region_code),
    CHECK ((kind = 'file') = (content IS NOT NULL)),
    CHECK ((kind = 'link') = (url IS NOT NULL))
);

CREATE INDEX evidence_scope_idx ON evidence (period_code, region_code, target);
