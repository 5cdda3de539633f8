-- A flag that appeared on a locked value of a returned submission (other regions' data moved the median) is
-- stored as information for the evaluator: it needed no justification.
ALTER TABLE plausibility_flag ADD COLUMN informational boolean NOT NULL DEFAULT false;

-- A region the administrator left out of a publication, and why; recorded with the snapshot it was left out of.
CREATE TABLE publication_exclusion (
    snapshot_id integer NOT NULL REFERENCES score_snapshot (id),
    region_code text NOT NULL REFERENCES region (code),
    status      text NOT NULL CHECK (status IN ('not_started', 'draft', 'submitted', 'returned', 'approved')),
    reason      text NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
    PRIMARY KEY (snapshot_id, region_code)
);
