-- Inputs: one operating day's arrivals ($arrivals) and legs ($legs) counted by the caller. Output: the day's
-- counts part of the day summary, one row; arrivals_stats adds them up.
SELECT $arrivals::BIGINT AS arrivals, $legs::BIGINT AS legs
