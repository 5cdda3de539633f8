-- Accounts (ASP.NET Core Identity on Dapper), API tokens, sign-in audit, data-protection keys.

CREATE TABLE app_user (
    id                     uuid PRIMARY KEY,
    email                  text NOT NULL,
    normalized_email       text NOT NULL UNIQUE,
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    role                   text NOT NULL CHECK (role IN ('admin', 'evaluator', 'coordinator')),
    region_code            text REFERENCES region (code),
    password_hash          text,
    security_stamp         text NOT NULL,
    concurrency_stamp      text NOT NULL,
    lockout_enabled        boolean NOT NULL DEFAULT true,
    lockout_end            timestamptz,
    access_failed_count    integer NOT NULL DEFAULT 0,
    two_factor_enabled     boolean NOT NULL DEFAULT false,
    authenticator_key      text,
    recovery_codes         text,
    must_change_password   boolean NOT NULL DEFAULT false,
    disabled_at            timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    -- A coordinator belongs to exactly one region; ministry staff to none.
    CHECK ((role = 'coordinator') = (region_code IS NOT NULL))
);

CREATE INDEX app_user_region_idx ON app_user (region_code);

CREATE TABLE api_token (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES app_user (id),
    token_hash     text NOT NULL UNIQUE,
    security_stamp text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz
);

CREATE INDEX api_token_user_idx ON api_token (user_id);

CREATE TABLE signin_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    user_id     uuid REFERENCES app_user (id),
    actor_id    uuid REFERENCES app_user (id),
    email       text,
    event       text NOT NULL,
    address     text,
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX signin_event_occurred_idx ON signin_event (occurred_at DESC);

-- The sign-in audit is append-only: no update, no delete.
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER signin_event_append_only
    BEFORE UPDATE OR DELETE ON signin_event
    FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE data_protection_key (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
