-- Obstacles (hambatan / permasalahan) of a region's programmes and units. An obstacle keeps its id across periods
-- until it is resolved: each period holds its own record of it (like programmes), carried over when a period
-- opens and marked as needing an update until someone updates it there. A risk that occurred becomes an obstacle
-- linked to it. The category is one of the risk criteria's categories.

CREATE TABLE obstacle_identity (
    id          uuid PRIMARY KEY,
    region_code text NOT NULL REFERENCES region (code),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE obstacle (
    period_code         text NOT NULL REFERENCES period (code),
    id                  uuid NOT NULL REFERENCES obstacle_identity (id),
    region_code         text NOT NULL REFERENCES region (code),
    programme_id        uuid REFERENCES programme_identity (id),
    unit_code           text,
    risk_id             uuid,
    category            text CHECK (length(category) <= 60),
    description         text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    cause               text CHECK (length(cause) <= 2000),
    impact              text CHECK (length(impact) <= 2000),
    since               date,
    solution            text CHECK (length(solution) <= 2000),
    preventive_step     text CHECK (length(preventive_step) <= 2000),
    support_needed_from text NOT NULL DEFAULT 'region' CHECK (support_needed_from IN ('region', 'province', 'ministry')),
    support_body        text CHECK (length(support_body) <= 200),
    responsible_unit    text,
    due                 date,
    status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved')),
    resolution          text CHECK (length(resolution) <= 2000),
    needs_update        boolean NOT NULL DEFAULT false,
    sort_order          integer NOT NULL DEFAULT 0,
    version             integer NOT NULL DEFAULT 1,
    updated_by          uuid REFERENCES app_user (id),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_code, id),
    CHECK (status <> 'resolved' OR length(trim(resolution)) > 0)
);

CREATE INDEX obstacle_scope_idx ON obstacle (period_code, region_code);
CREATE UNIQUE INDEX obstacle_risk_idx ON obstacle (period_code, risk_id) WHERE risk_id IS NOT NULL;
