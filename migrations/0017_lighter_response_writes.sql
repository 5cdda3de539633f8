-- Lighter writes for respondent submissions (measured with scripts/benchmark.sh, docs/benchmarks.md).
--
-- answer_item_idx served the per-item statistics before the running sums (0013, 0016) took them over; no
-- query reads it any more, and every stored answer paid an insertion into it.
DROP INDEX IF EXISTS answer_item_idx;

-- Completing or starting an invitation changes only its status and time. With status out of the index and
-- room left on each page, that update is a heap-only tuple update: no new entries in the invitation's three
-- indexes. Counting a region's invitations by status reads the region's rows through the narrower index.
CREATE INDEX invitation_region_idx ON invitation (period_code, region_code);
DROP INDEX IF EXISTS invitation_scope_idx;
ALTER TABLE invitation SET (fillfactor = 70);
