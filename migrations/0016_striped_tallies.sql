-- Running sums striped over 16 shards (each response adds to one shard at random), so that concurrent
-- responses of one region do not queue on the same rows; readers sum the shards. The per-level counts
-- (1-5 and "Tidak tahu") let the survey page read its distribution from the sums as well.

ALTER TABLE answer_tally
    ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 15),
    ADD COLUMN l1 integer NOT NULL DEFAULT 0,
    ADD COLUMN l2 integer NOT NULL DEFAULT 0,
    ADD COLUMN l3 integer NOT NULL DEFAULT 0,
    ADD COLUMN l4 integer NOT NULL DEFAULT 0,
    ADD COLUMN l5 integer NOT NULL DEFAULT 0,
    ADD COLUMN dont_know integer NOT NULL DEFAULT 0;
ALTER TABLE answer_tally DROP CONSTRAINT answer_tally_pkey;
ALTER TABLE answer_tally ADD PRIMARY KEY (period_code, region_code, item_code, shard);

DELETE FROM answer_tally;
INSERT INTO answer_tally (period_code, region_code, item_code, shard, likert_sum, likert_count, l1, l2, l3, l4, l5, dont_know)
SELECT r.period_code, r.region_code, a.item_code, 0, coalesce(sum(a.likert), 0), count(a.likert),
       count(*) FILTER (WHERE a.likert = 1), count(*) FILTER (WHERE a.likert = 2), count(*) FILTER (WHERE a.likert = 3),
       count(*) FILTER (WHERE a.likert = 4), count(*) FILTER (WHERE a.likert = 5), count(*) FILTER (WHERE a.dont_know)
FROM response r JOIN answer a ON a.response_id = r.id
WHERE a.likert IS NOT NULL OR a.dont_know
GROUP BY r.period_code, r.region_code, a.item_code;

ALTER TABLE response_tally ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 15);
ALTER TABLE response_tally DROP CONSTRAINT response_tally_pkey;
ALTER TABLE response_tally ADD PRIMARY KEY (period_code, region_code, shard);
