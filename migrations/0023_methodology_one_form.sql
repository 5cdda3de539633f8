-- The methodology is kept in one form: the definition (the canonical JSON of the methodology file) that the
-- scoring engine reads. The weight columns and the dimension and indicator rows were copies of it, written once
-- at sync; the review queue counted from the copies while the engine read the JSON, so the two could disagree.
-- The rows are now views over the definition itself, so every reader sees the same methodology.
DROP TABLE methodology_indicator;
DROP TABLE methodology_dimension;

ALTER TABLE methodology_version
    DROP COLUMN weight_indicators,
    DROP COLUMN weight_programmes,
    DROP COLUMN weight_perception,
    DROP COLUMN minimum_coverage,
    DROP COLUMN minimum_respondents;

CREATE VIEW methodology_dimension AS
SELECT v.id AS methodology_version_id,
       d.value ->> 'code' AS code,
       d.ordinality::integer AS sort_order,
       d.value -> 'name' ->> 'id' AS name_id,
       d.value -> 'name' ->> 'en' AS name_en
FROM methodology_version v
CROSS JOIN LATERAL jsonb_array_elements(v.definition -> 'dimensions') WITH ORDINALITY AS d (value, ordinality);

CREATE VIEW methodology_indicator AS
SELECT v.id AS methodology_version_id,
       i ->> 'key' AS indicator_key,
       i ->> 'dimension' AS dimension,
       i ->> 'element' AS element,
       (i ->> 'weight')::numeric AS weight,
       (i ->> 'worst')::numeric AS worst,
       (i ->> 'best')::numeric AS best
FROM methodology_version v
CROSS JOIN LATERAL jsonb_array_elements(v.definition -> 'indicators') AS i;
