-- Every evaluation report (Laporan Hasil Evaluasi) issued from a published snapshot is registered by its content
-- hash, so that /verify/{hash} can say whether a document is authentic and what it contains. Nothing unpublished
-- is ever registered.

CREATE TABLE evaluation_report (
    hash         text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
    region_code  text NOT NULL REFERENCES region (code),
    period_code  text NOT NULL REFERENCES period (code),
    snapshot_id  integer NOT NULL REFERENCES score_snapshot (id),
    index_100    numeric,
    predicate    text,
    language     text NOT NULL CHECK (language IN ('id', 'en')),
    issued_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX evaluation_report_region_idx ON evaluation_report (region_code, period_code);
