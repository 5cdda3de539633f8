-- A region's submission for a period, and its indicator values.

CREATE TABLE submission (
    period_code  text NOT NULL REFERENCES period (code),
    region_code  text NOT NULL REFERENCES region (code),
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    submitted_at timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_code, region_code)
);

CREATE TABLE indicator_value (
    period_code          text NOT NULL,
    region_code          text NOT NULL,
    indicator_key        text NOT NULL REFERENCES indicator (key),
    value                numeric,
    numerator            numeric,
    denominator          numeric CHECK (denominator IS NULL OR denominator > 0),
    not_available_reason text,
    source_agency        text,
    source_document      text,
    source_year          integer,
    note                 text,
    justification        text,
    version              integer NOT NULL DEFAULT 1,
    updated_by           uuid REFERENCES app_user (id),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_code, region_code, indicator_key),
    FOREIGN KEY (period_code, region_code) REFERENCES submission (period_code, region_code),
    -- "Not available" is a state of its own: never together with a value.
    CHECK (NOT (not_available_reason IS NOT NULL AND value IS NOT NULL))
);
