-- Which unit produces the data of an indicator in a region and period (the produsen data of Satu Data
-- Indonesia); the unit's name becomes the value's default source.
CREATE TABLE indicator_assignment (
    period_code   text NOT NULL REFERENCES period (code),
    region_code   text NOT NULL REFERENCES region (code),
    indicator_key text NOT NULL REFERENCES indicator (key),
    unit_code     text NOT NULL,
    assigned_by   uuid REFERENCES app_user (id),
    assigned_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_code, region_code, indicator_key),
    FOREIGN KEY (region_code, unit_code) REFERENCES unit (region_code, code)
);

CREATE INDEX indicator_assignment_unit_idx ON indicator_assignment (region_code, unit_code);

-- A unit has data once a programme or an assignment refers to it.
CREATE OR REPLACE FUNCTION unit_has_data(region text, unit_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM programme p WHERE p.region_code = region AND p.unit_code = unit_has_data.unit_code)
        OR EXISTS (SELECT 1 FROM indicator_assignment a WHERE a.region_code = region AND a.unit_code = unit_has_data.unit_code)
$$;
