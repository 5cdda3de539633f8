-- Co-owners, replication and the consolidation of the units' work by the region.

-- A programme's co-owner units besides its owner (a programme run together by two agencies, or by an agency and
-- a village). Each must be an active unit of the region; the use case checks it, the array cannot carry a key.
ALTER TABLE programme ADD COLUMN co_units text[] NOT NULL DEFAULT '{}' CHECK (cardinality(co_units) <= 10);
CREATE INDEX programme_co_units_idx ON programme USING gin (co_units);

-- Where a programme rolled out from its prototype has been replicated: "Desa Digital in Socorejo, then 12 more
-- villages" is one row per village, with since when and its status. Kept per period with the programme.
CREATE TABLE programme_replication (
    period_code  text NOT NULL,
    programme_id uuid NOT NULL,
    region_code  text NOT NULL,
    unit_code    text NOT NULL,
    since        date,
    status       text NOT NULL CHECK (status IN ('planned', 'running', 'stopped')),
    sort_order   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (period_code, programme_id, unit_code),
    FOREIGN KEY (period_code, programme_id) REFERENCES programme (period_code, id) ON DELETE CASCADE,
    FOREIGN KEY (region_code, unit_code) REFERENCES unit (region_code, code)
);
CREATE INDEX programme_replication_unit_idx ON programme_replication (region_code, unit_code);

-- A unit's contribution to its region's data in a period: marked ready by the unit, returned by the regional
-- coordinator with a reason. No row: still being worked on.
CREATE TABLE unit_contribution (
    period_code   text NOT NULL REFERENCES period (code),
    region_code   text NOT NULL,
    unit_code     text NOT NULL,
    status        text NOT NULL CHECK (status IN ('ready', 'returned')),
    reason        text CHECK (length(reason) <= 1000),
    changed_by    uuid REFERENCES app_user (id),
    changed_at    timestamptz NOT NULL DEFAULT now(),
    returns       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (period_code, region_code, unit_code),
    FOREIGN KEY (region_code, unit_code) REFERENCES unit (region_code, code),
    CHECK (status <> 'returned' OR reason IS NOT NULL)
);

-- A unit has data once a programme (owned, co-owned or replicated), an assignment, an operator account or a
-- contribution refers to it.
CREATE OR REPLACE FUNCTION unit_has_data(region text, unit_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM programme p WHERE p.region_code = region AND p.unit_code = unit_has_data.unit_code)
        OR EXISTS (SELECT 1 FROM programme p WHERE p.region_code = region AND p.co_units @> ARRAY[unit_has_data.unit_code])
        OR EXISTS (SELECT 1 FROM programme_replication r WHERE r.region_code = region AND r.unit_code = unit_has_data.unit_code)
        OR EXISTS (SELECT 1 FROM indicator_assignment a WHERE a.region_code = region AND a.unit_code = unit_has_data.unit_code)
        OR EXISTS (SELECT 1 FROM app_user u WHERE u.region_code = region AND u.unit_code = unit_has_data.unit_code)
        OR EXISTS (SELECT 1 FROM unit_contribution c WHERE c.region_code = region AND c.unit_code = unit_has_data.unit_code)
$$;
