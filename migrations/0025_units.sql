-- The units inside a region that run flagship programmes or produce data: regional agencies (perangkat daerah),
-- villages (desa, kelurahan, by their Kemendagri code inside the region), regional enterprises (BUMD) and others.
-- A unit with data is deactivated, never deleted.
CREATE TABLE unit (
    region_code text NOT NULL REFERENCES region (code),
    code        text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$' OR code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$'),
    kind        text NOT NULL CHECK (kind IN ('agency', 'desa', 'kelurahan', 'bumd', 'other')),
    subtype     text CHECK (subtype IS NULL OR kind = 'agency'),
    name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 160),
    head        text CHECK (length(head) <= 160),
    contact     text CHECK (length(contact) <= 200),
    district    text CHECK (length(district) <= 120),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region_code, code),
    -- A village code lies inside its region: 35.23.… for 3523.
    CHECK (kind NOT IN ('desa', 'kelurahan') OR (code ~ '^[0-9]{2}\.[0-9]{2}\.' AND replace(left(code, 5), '.', '') = region_code))
);

-- A programme's owning unit (optional; programmes entered before units existed have none).
ALTER TABLE programme ADD COLUMN unit_code text;
ALTER TABLE programme ADD CONSTRAINT programme_unit_fk FOREIGN KEY (region_code, unit_code) REFERENCES unit (region_code, code);
CREATE INDEX programme_unit_idx ON programme (region_code, unit_code) WHERE unit_code IS NOT NULL;

-- Whether anything refers to a unit (then it is deactivated, never deleted): today its programmes, in any period.
CREATE FUNCTION unit_has_data(region text, unit_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM programme p WHERE p.region_code = region AND p.unit_code = unit_has_data.unit_code)
$$;
