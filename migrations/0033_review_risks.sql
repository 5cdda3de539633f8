-- An evaluator returns (or accepts) a single risk of a programme (its register entry) or a single semester
-- monitoring entry, by the risk's id, beside indicator values and whole programmes.

ALTER TABLE review_mark DROP CONSTRAINT review_mark_kind_check;
ALTER TABLE review_mark ADD CONSTRAINT review_mark_kind_check CHECK (kind IN ('indicator', 'programme', 'risk', 'monitoring'));
ALTER TABLE review_item DROP CONSTRAINT review_item_kind_check;
ALTER TABLE review_item ADD CONSTRAINT review_item_kind_check CHECK (kind IN ('indicator', 'programme', 'risk', 'monitoring'));
