-- A programme keeps its id from one period to the next: programme_identity holds the lasting id and the
-- region it belongs to; programme holds one record of it per period (maturity, verified level, budget,
-- risks). A risk keeps its id across saves and periods: its key is (period, id).

CREATE TABLE programme_identity (
    id          uuid PRIMARY KEY,
    region_code text NOT NULL REFERENCES region (code),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, region_code)
);

INSERT INTO programme_identity (id, region_code) SELECT id, region_code FROM programme;

ALTER TABLE programme_risk ADD COLUMN period_code text;
UPDATE programme_risk r SET period_code = p.period_code FROM programme p WHERE p.id = r.programme_id;
ALTER TABLE programme_risk ALTER COLUMN period_code SET NOT NULL;

ALTER TABLE programme_risk DROP CONSTRAINT programme_risk_programme_id_fkey;
ALTER TABLE programme_risk DROP CONSTRAINT programme_risk_pkey;
ALTER TABLE programme DROP CONSTRAINT programme_pkey;

ALTER TABLE programme ADD PRIMARY KEY (period_code, id);
ALTER TABLE programme ADD CONSTRAINT programme_identity_fkey FOREIGN KEY (id, region_code) REFERENCES programme_identity (id, region_code);
ALTER TABLE programme_risk ADD PRIMARY KEY (period_code, id);
ALTER TABLE programme_risk ADD CONSTRAINT programme_risk_programme_fkey
    FOREIGN KEY (period_code, programme_id) REFERENCES programme (period_code, id) ON DELETE CASCADE;

-- The history of one programme reads its records across periods.
CREATE INDEX programme_lasting_idx ON programme (id);
DROP INDEX programme_risk_programme_idx;
CREATE INDEX programme_risk_programme_idx ON programme_risk (period_code, programme_id);
CREATE INDEX programme_risk_lasting_idx ON programme_risk (id);
