-- The risk register of a programme (PermenPANRB 5/2020, ISO 31000): type, category, impact area, event, cause,
-- consequence, existing controls, treatment option, the residual (target) likelihood and impact, and the action
-- plan. The magnitude and level are never stored: they come from the period's risk criteria.
-- The actions are kept with their risk as a JSON array of {id, action, output, unit, due, cost}: they are
-- written and read with the risk, each keeps its id across semesters, and the national lists read them set-based
-- with jsonb_array_elements.
ALTER TABLE programme_risk
    ADD COLUMN type                text NOT NULL DEFAULT 'negative' CHECK (type IN ('negative', 'positive')),
    ADD COLUMN category            text CHECK (length(category) <= 60),
    ADD COLUMN impact_area         text CHECK (length(impact_area) <= 60),
    ADD COLUMN event               text CHECK (length(event) <= 1000),
    ADD COLUMN cause               text CHECK (length(cause) <= 1000),
    ADD COLUMN consequence         text CHECK (length(consequence) <= 1000),
    ADD COLUMN existing_controls   text CHECK (length(existing_controls) <= 1000),
    ADD COLUMN treatment_option    text CHECK (length(treatment_option) <= 60),
    ADD COLUMN residual_likelihood integer CHECK (residual_likelihood BETWEEN 1 AND 5),
    ADD COLUMN residual_impact     integer CHECK (residual_impact BETWEEN 1 AND 5),
    ADD COLUMN actions             jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(actions) = 'array' AND jsonb_array_length(actions) <= 10),
    ADD CONSTRAINT programme_risk_residual_both CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL));
