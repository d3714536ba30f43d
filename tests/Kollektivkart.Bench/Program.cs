// Kollektivkart's benchmarks at national scale (issue 6). Not tests: run them by hand, in Release:
//   dotnet run -c Release --project tests/Kollektivkart.Bench -- <command> [options]
// Commands:
//   generator  the demo generator at --scale 1: arrivals written per second, peak memory
//   etl        run --skip-bq on --days national-scale days (default 30) with --max-cpus 1 and 2:
//              seconds per operating day (legs), per month (leg_stats), lookups, total, peak RSS,
//              and DuckDB reading each day's raw parquet once as the lower bound
//   nightly    the nightly run with one new day after 30, 60 and 90 days of history (--scale, default 0.25):
//              per step, and the ratio 90/30 of the run without leg_stats (issue 13, target <= 1.3)
//   history    the nightly run with one new day on the site's national pond cut to 3 and 24 months of history:
//              per step, stats.db size, and the ratios 24/3 of the stats.db step and the whole night (issue 22, target <= 1.3)
//   site       the site on a national-scale stats.db (Site/SiteBenchmarks.cs)
//   all        the three above, one report
//   report     merges the JSON of separate runs into one Markdown file (RESULTS.md)
// Each prints a table and writes JSON (--out) and Markdown beside it (or --markdown, e.g. RESULTS.md).
// --quick runs smoke sizes; --work holds the cached national pond (default artifacts/bench).
using Kollektivkart.Bench;

return BenchCommandLine.Run(args);
