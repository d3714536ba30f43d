-- Output: stats.db macro change_kind, data-model.md section 7's rule for one stretch and hour present in both months:
-- 'regressed' when the median now is at least the 75th percentile before and the median rose by 30 s or more;
-- 'improved' when the 75th percentile now is at most the median before and the median fell by 30 s or more; else
-- NULL. Stored in stats.db so the live comparison (Site/changes.sql) and the one computed at publish
-- (StatsDb/month_changes.sql) apply one rule.
CREATE OR REPLACE MACRO change_kind(now_duration, now_quartile, before_duration, before_quartile) AS
    CASE
        WHEN now_duration >= before_quartile AND now_duration - before_duration >= 30 THEN 'regressed'
        WHEN now_quartile <= before_duration AND now_duration - before_duration <= -30 THEN 'improved'
    END
