-- The whole country's registry: the 38 provinces and 514 regencies and cities of Kepmendagri
-- 300.2.2-2138/2025, synced at start from indicators/regions/. A region carries the year it joined Gerakan
-- Menuju 100 Smart City (its cohort, where public sources confirm it) and whether it takes part in the current
-- evaluation. Regions added by hand or by import take part; the registry adds the others as not taking part
-- until an administrator says so.
CREATE TABLE province (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 2 AND 80)
);

ALTER TABLE region
    ADD COLUMN cohort_year   integer CHECK (cohort_year BETWEEN 2017 AND 2100),
    ADD COLUMN participating boolean NOT NULL DEFAULT true,
    ADD COLUMN in_registry   boolean NOT NULL DEFAULT false;

CREATE INDEX region_participating_idx ON region (participating) WHERE participating;
