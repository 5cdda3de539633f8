-- Server-side sign-in sessions: the cookie carries only a random session id, so that signing out, disabling
-- a user or changing a password ends the session at once (the row goes, or no longer matches the user).
CREATE TABLE auth_session (
    id             text PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES app_user (id),
    security_stamp text NOT NULL,
    ticket         bytea NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    signed_out_at  timestamptz
);

CREATE INDEX auth_session_user_idx ON auth_session (user_id);
CREATE INDEX auth_session_expires_idx ON auth_session (expires_at);

-- A post kept after a session expired belongs to the user of that (validated) session; each user keeps a few.
DELETE FROM pending_draft;
ALTER TABLE pending_draft ADD COLUMN user_id uuid NOT NULL REFERENCES app_user (id);
CREATE INDEX pending_draft_user_idx ON pending_draft (user_id, created_at);
