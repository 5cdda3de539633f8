-- The semester's monitoring of a risk carried over from the previous period (its identity kept): per action
-- done / in progress / not started with the result and evidence, the current likelihood and impact, whether the
-- risk occurred (until obstacles exist, recorded here), and the closing of a risk with a reason. A closed risk is
-- not carried into the next period.
CREATE TABLE risk_monitoring (
    period_code        text NOT NULL,
    risk_id            uuid NOT NULL,
    region_code        text NOT NULL REFERENCES region (code),
    current_likelihood integer NOT NULL CHECK (current_likelihood BETWEEN 1 AND 5),
    current_impact     integer NOT NULL CHECK (current_impact BETWEEN 1 AND 5),
    occurred           boolean NOT NULL DEFAULT false,
    occurrence         text CHECK (length(occurrence) <= 1000),
    closed             boolean NOT NULL DEFAULT false,
    close_reason       text CHECK (length(close_reason) <= 1000),
    actions            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(actions) = 'array'),
    updated_by         uuid REFERENCES app_user (id),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_code, risk_id),
    FOREIGN KEY (period_code, risk_id) REFERENCES programme_risk (period_code, id) ON DELETE CASCADE,
    CHECK (NOT closed OR close_reason IS NOT NULL),
    CHECK (NOT occurred OR occurrence IS NOT NULL)
);
CREATE INDEX risk_monitoring_region_idx ON risk_monitoring (period_code, region_code);
