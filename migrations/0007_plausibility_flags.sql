-- Plausibility flags stored at submit, for the evaluator.

CREATE TABLE plausibility_flag (
    period_code   text NOT NULL,
    region_code   text NOT NULL,
    indicator_key text NOT NULL REFERENCES indicator (key),
    rule          text NOT NULL CHECK (rule IN ('change', 'outlier')),
    value         numeric NOT NULL,
    reference     numeric NOT NULL,
    justification text,
    flagged_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_code, region_code, indicator_key, rule),
    FOREIGN KEY (period_code, region_code) REFERENCES submission (period_code, region_code)
);

CREATE INDEX indicator_value_peer_idx ON indicator_value (period_code, indicator_key) WHERE value IS NOT NULL;
