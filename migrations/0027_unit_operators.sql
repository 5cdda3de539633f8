-- Unit operators: an account bound to one unit of one region. It changes only what belongs to its unit (the
-- unit's programmes, the indicator values assigned to it) and reads the region's data.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('admin', 'evaluator', 'coordinator', 'unit_operator'));
ALTER TABLE app_user ADD COLUMN unit_code text;
-- Coordinators and unit operators have a region, the ministry's roles none.
ALTER TABLE app_user DROP CONSTRAINT app_user_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_region_check CHECK ((role IN ('coordinator', 'unit_operator')) = (region_code IS NOT NULL));
ALTER TABLE app_user ADD CONSTRAINT app_user_unit_fk FOREIGN KEY (region_code, unit_code) REFERENCES unit (region_code, code);
ALTER TABLE app_user ADD CONSTRAINT app_user_unit_operator_check
    CHECK ((role = 'unit_operator') = (unit_code IS NOT NULL) AND (role <> 'unit_operator' OR region_code IS NOT NULL));

-- A unit has data once a programme, an assignment or an operator account refers to it.
CREATE OR REPLACE FUNCTION unit_has_data(region text, unit_code text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM programme p WHERE p.region_code = region AND p.unit_code = unit_has_data.unit_code)
        OR EXISTS (SELECT 1 FROM indicator_assignment a WHERE a.region_code = region AND a.unit_code = unit_has_data.unit_code)
        OR EXISTS (SELECT 1 FROM app_user u WHERE u.region_code = region AND u.unit_code = unit_has_data.unit_code)
$$;
