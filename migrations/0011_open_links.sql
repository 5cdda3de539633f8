-- Open links for public campaigns: one link with a quota; each device gets its own single-use link from it.

ALTER TABLE invitation ADD COLUMN kind text NOT NULL DEFAULT 'single' CHECK (kind IN ('single', 'open'));
ALTER TABLE invitation ADD COLUMN quota integer CHECK (quota IS NULL OR quota > 0);
ALTER TABLE invitation ADD COLUMN issued integer NOT NULL DEFAULT 0;
ALTER TABLE invitation ADD COLUMN parent_id uuid REFERENCES invitation (id);
ALTER TABLE invitation ADD CONSTRAINT invitation_open_quota_check CHECK (kind = 'single' OR (quota IS NOT NULL AND issued <= quota));
