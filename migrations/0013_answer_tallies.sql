-- Running counts of responses per period and region, and sums of the Likert answers per item, kept in the transaction that stores a
-- response, so that scoring the whole country reads a few thousand rows instead of every answer.
-- A test compares them with a fresh aggregate of the answers after concurrent submissions.

CREATE TABLE answer_tally (
    period_code  text NOT NULL,
    region_code  text NOT NULL,
    item_code    text NOT NULL,
    likert_sum   bigint NOT NULL CHECK (likert_sum >= 0),
    likert_count integer NOT NULL CHECK (likert_count >= 0),
    PRIMARY KEY (period_code, region_code, item_code),
    FOREIGN KEY (period_code) REFERENCES period (code),
    FOREIGN KEY (region_code) REFERENCES region (code)
);

INSERT INTO answer_tally (period_code, region_code, item_code, likert_sum, likert_count)
SELECT r.period_code, r.region_code, a.item_code, sum(a.likert), count(a.likert)
FROM response r JOIN answer a ON a.response_id = r.id
WHERE a.likert IS NOT NULL
GROUP BY r.period_code, r.region_code, a.item_code;

CREATE TABLE response_tally (
    period_code text NOT NULL REFERENCES period (code),
    region_code text NOT NULL REFERENCES region (code),
    responses   integer NOT NULL CHECK (responses >= 0),
    PRIMARY KEY (period_code, region_code)
);

INSERT INTO response_tally (period_code, region_code, responses)
SELECT period_code, region_code, count(*) FROM response GROUP BY period_code, region_code;
