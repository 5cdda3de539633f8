-- Respondent surveys: questionnaire versions, invitations (token hashes only), drafts, anonymous responses.

CREATE TABLE questionnaire_version (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version      text NOT NULL,
    revision     integer NOT NULL,
    content_hash text NOT NULL,
    definition   jsonb NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (version, revision),
    UNIQUE (version, content_hash)
);

ALTER TABLE period ADD COLUMN questionnaire text NOT NULL DEFAULT 'v1';
ALTER TABLE period ADD COLUMN questionnaire_version_id integer REFERENCES questionnaire_version (id);

CREATE TABLE invitation (
    id           uuid PRIMARY KEY,
    period_code  text NOT NULL REFERENCES period (code),
    region_code  text NOT NULL REFERENCES region (code),
    token_hash   text NOT NULL UNIQUE,
    status       text NOT NULL DEFAULT 'unused' CHECK (status IN ('unused', 'started', 'completed')),
    expires_at   timestamptz NOT NULL,
    created_by   uuid REFERENCES app_user (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);

CREATE INDEX invitation_scope_idx ON invitation (period_code, region_code, status);

-- Partial answers while a respondent is on the way; removed when the response completes.
CREATE TABLE response_draft (
    invitation_id uuid PRIMARY KEY REFERENCES invitation (id) ON DELETE CASCADE,
    page          integer NOT NULL DEFAULT 0,
    answers       jsonb NOT NULL DEFAULT '[]'::jsonb,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A complete response keeps no link to its invitation, no IP address and only the day it was completed.
CREATE TABLE response (
    id                       uuid PRIMARY KEY,
    period_code              text NOT NULL REFERENCES period (code),
    region_code              text NOT NULL REFERENCES region (code),
    questionnaire_version_id integer NOT NULL REFERENCES questionnaire_version (id),
    completed_on             date NOT NULL DEFAULT current_date
);

CREATE INDEX response_scope_idx ON response (period_code, region_code);

CREATE TABLE answer (
    response_id uuid NOT NULL REFERENCES response (id) ON DELETE CASCADE,
    item_code   text NOT NULL,
    likert      smallint CHECK (likert BETWEEN 1 AND 5),
    choice      text,
    number      numeric,
    text        text,
    dont_know   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (response_id, item_code)
);

CREATE INDEX answer_item_idx ON answer (item_code) WHERE likert IS NOT NULL;
