-- A publication keeps the indicator entries its scores came from (value, numerator, denominator, source),
-- so that a report of a published period reads each row wholly from the snapshot, even after a correction
-- of the live data. Snapshots made before this table existed have no rows here (their reports read the
-- entries as they are now).
CREATE TABLE score_snapshot_value (
    snapshot_id          integer NOT NULL REFERENCES score_snapshot (id),
    region_code          text NOT NULL REFERENCES region (code),
    indicator_key        text NOT NULL,
    value                numeric,
    numerator            numeric,
    denominator          numeric,
    not_available_reason text,
    source_agency        text,
    source_document      text,
    source_year          integer,
    note                 text,
    justification        text,
    PRIMARY KEY (snapshot_id, region_code, indicator_key)
);

CREATE TRIGGER score_snapshot_value_append_only
    BEFORE UPDATE OR DELETE ON score_snapshot_value
    FOR EACH ROW EXECUTE FUNCTION forbid_change();
