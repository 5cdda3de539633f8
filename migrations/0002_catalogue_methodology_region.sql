-- The indicator catalogue, the scoring methodology as versioned data, and the region registry.

CREATE TABLE catalogue (
    code         text PRIMARY KEY,
    standard     text NOT NULL,
    edition      text NOT NULL,
    title_id     text NOT NULL,
    title_en     text NOT NULL,
    content_hash text NOT NULL,
    synced_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE theme (
    catalogue_code text NOT NULL REFERENCES catalogue (code),
    code           text NOT NULL,
    clause         integer NOT NULL,
    name_id        text NOT NULL,
    name_en        text NOT NULL,
    PRIMARY KEY (catalogue_code, code)
);

CREATE TABLE indicator (
    key                 text PRIMARY KEY,
    catalogue_code      text NOT NULL REFERENCES catalogue (code),
    clause              text NOT NULL,
    theme_code          text NOT NULL,
    sort_order          integer NOT NULL,
    title_id            text NOT NULL,
    title_en            text NOT NULL,
    unit_id             text NOT NULL,
    unit_en             text NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('percentage', 'rate_per_100000', 'rate_per_1000', 'ratio', 'days', 'hours')),
    factor              numeric NOT NULL CHECK (factor > 0),
    numerator_id        text NOT NULL,
    numerator_en        text NOT NULL,
    denominator_id      text NOT NULL,
    denominator_en      text NOT NULL,
    confirmed_by_source boolean NOT NULL DEFAULT false,
    retired_at          timestamptz,
    FOREIGN KEY (catalogue_code, theme_code) REFERENCES theme (catalogue_code, code)
);

-- A methodology version is immutable: a changed file becomes a new revision, never an update in place.
CREATE TABLE methodology_version (
    id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version             text NOT NULL,
    revision            integer NOT NULL CHECK (revision >= 1),
    content_hash        text NOT NULL,
    catalogue_code      text NOT NULL REFERENCES catalogue (code),
    weight_indicators   numeric NOT NULL,
    weight_programmes   numeric NOT NULL,
    weight_perception   numeric NOT NULL,
    minimum_coverage    numeric NOT NULL,
    minimum_respondents integer NOT NULL,
    definition          jsonb NOT NULL,
    loaded_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (version, revision),
    UNIQUE (version, content_hash)
);

CREATE TABLE methodology_dimension (
    methodology_version_id integer NOT NULL REFERENCES methodology_version (id),
    code                   text NOT NULL,
    sort_order             integer NOT NULL,
    name_id                text NOT NULL,
    name_en                text NOT NULL,
    PRIMARY KEY (methodology_version_id, code)
);

CREATE TABLE methodology_indicator (
    methodology_version_id integer NOT NULL REFERENCES methodology_version (id),
    indicator_key          text NOT NULL REFERENCES indicator (key),
    dimension              text NOT NULL,
    element                text NOT NULL,
    weight                 numeric NOT NULL CHECK (weight > 0),
    worst                  numeric NOT NULL,
    best                   numeric NOT NULL,
    PRIMARY KEY (methodology_version_id, indicator_key),
    FOREIGN KEY (methodology_version_id, dimension) REFERENCES methodology_dimension (methodology_version_id, code),
    CHECK (worst <> best)
);

CREATE TABLE region (
    code       text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 3 AND 120),
    kind       text NOT NULL CHECK (kind IN ('kabupaten', 'kota')),
    province   text NOT NULL CHECK (length(province) BETWEEN 2 AND 80),
    is_demo    boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX region_province_idx ON region (province);
