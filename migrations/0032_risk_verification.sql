-- The evaluator's verified likelihood and impact of a risk, with a note (like the verified maturity level of a
-- programme). The coordinator's saves never touch them; a carried-over risk starts unverified.
ALTER TABLE programme_risk
    ADD COLUMN verified_likelihood integer CHECK (verified_likelihood BETWEEN 1 AND 5),
    ADD COLUMN verified_impact     integer CHECK (verified_impact BETWEEN 1 AND 5),
    ADD COLUMN verified_note       text CHECK (length(verified_note) <= 1000),
    ADD COLUMN verified_by         uuid REFERENCES app_user (id),
    ADD COLUMN verified_at         timestamptz,
    ADD CONSTRAINT programme_risk_verified_both CHECK ((verified_likelihood IS NULL) = (verified_impact IS NULL));
