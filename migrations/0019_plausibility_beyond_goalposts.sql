-- A third plausibility rule: a value more than ten times the larger goalpost of its indicator.
ALTER TABLE plausibility_flag DROP CONSTRAINT plausibility_flag_rule_check;
ALTER TABLE plausibility_flag ADD CONSTRAINT plausibility_flag_rule_check CHECK (rule IN ('change', 'outlier', 'beyond_goalposts'));
