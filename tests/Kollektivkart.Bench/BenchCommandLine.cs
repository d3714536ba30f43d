using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kollektivkart.Bench.Etl;
using Kollektivkart.Bench.Generator;
using Kollektivkart.Bench.Ops;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;
using Kollektivkart.Bench.Site;
using Spectre.Console;

namespace Kollektivkart.Bench;

/// <summary>The bench's command line: one command per benchmark plus <c>all</c>; exit 0 done, 1 failed, 2 bad input.</summary>
public static class BenchCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private static readonly Option<int> Runs = PositiveOption("--runs", "Runs per whole-run figure; each figure is their median, with min and max.", 3);
    private static readonly Option<bool> Quick = new("--quick") { Description = "Smoke sizes (a few small days): checks the bench works, measures nothing worth keeping." };
    private static readonly Option<string> Work = new("--work") { Description = "Work folder: the cached national pond and the runs' ponds (default artifacts/bench under the repository).", HelpName = "folder" };
    private static readonly Option<string> Out = new("--out") { Description = "JSON results file (default <work>/results-<command>.json); Markdown is written beside it.", HelpName = "file" };
    private static readonly Option<string> MarkdownFile = new("--markdown") { Description = "Markdown results file (default: --out with .md), e.g. tests/Kollektivkart.Bench/RESULTS.md.", HelpName = "file" };
    private static readonly Option<int> Days = PositiveOption("--days", "National-scale operating days the etl benchmark derives.", EtlBenchmarks.DefaultDays);
    private static readonly Option<int[]> Cpus = new("--cpus")
    {
        Description = "The --max-cpus settings to run the job with (default 1 2).",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [1, 2],
    };
    private static readonly Option<double> MemoryLimit = new("--memory-limit-gb")
    {
        Description = "The job's --memory-limit-gb (default 4).",
        DefaultValueFactory = _ => EtlBenchmarks.DefaultMemoryLimitGb,
    };
    private static readonly Option<double> Scale = new("--scale")
    {
        Description = $"Demo scale of the nightly benchmark's days (default {NightlyBenchmarks.DefaultScale}; 1 is national).",
        DefaultValueFactory = _ => NightlyBenchmarks.DefaultScale,
    };
    private static readonly Option<int> GeneratorDays = PositiveOption("--generator-days", "Operating days the generator benchmark writes per run.", GeneratorBenchmarks.DefaultDays);
    private static readonly Option<int> SoakRounds = PositiveOption("--rounds", "Releases and rollbacks the ops soak runs under one load.", OpsSoakBenchmarks.DefaultRounds);

    public static int Run(string[] args)
    {
        Cpus.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int[]>() is { } values && (values.Length == 0 || values.Any(v => v < 1)))
            {
                result.AddError("--cpus takes whole numbers of at least 1.");
            }
        });
        MemoryLimit.Validators.Add(result =>
        {
            if (!(result.GetValueOrDefault<double>() > 0))
            {
                result.AddError("--memory-limit-gb must be above 0.");
            }
        });

        Scale.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 4))
            {
                result.AddError("--scale must be above 0 and at most 4.");
            }
        });

        var root = new RootCommand("Kollektivkart benchmarks at national scale: prints a table, writes JSON and Markdown.")
        {
            Benchmark("generator", "The demo generator at --scale 1: arrivals written per second and peak memory.",
                [GeneratorDays], (context, parsed) => [GeneratorBenchmarks.Run(context, parsed.GetValue(GeneratorDays))]),
            Benchmark("etl", "run --skip-bq on national-scale days: seconds per day and month, peak RSS, against DuckDB's bare read.",
                [Days, Cpus, MemoryLimit], (context, parsed) => [EtlBenchmarks.Run(context, EtlSettings(parsed))]),
            Benchmark("nightly", "The nightly run with one new day after 30, 60 and 90 days of history: per step, and the ratio 90/30.",
                [Scale, MemoryLimit], (context, parsed) => [NightlyBenchmarks.Run(context, NightlySettings(parsed))]),
            Benchmark("history", "The nightly run with one new day on the national pond cut to 3 and 24 months of history: per step, stats.db size, and the ratios 24/3.",
                [MemoryLimit], (context, parsed) => [HistoryBenchmarks.Run(context, new HistoryBenchSettings(2, parsed.GetValue(MemoryLimit)))]),
            Benchmark("site", "The site on a national-scale stats.db: start-up, memory, latency and throughput.",
                SiteBenchmarks.Options, (context, parsed) => [SiteBenchmarks.Run(context, parsed)]),
            Benchmark("profile", "Where an uncached request's time goes: each site view at one connection under dotnet-trace, split into parts.",
                ProfileBenchmarks.Options, (context, parsed) => [ProfileBenchmarks.Run(context, parsed)]),
            Benchmark("ops-soak", "The ops tests' release and rollback on a provisioned server, the load through whole playbook runs (--rounds of them).",
                [SoakRounds], (context, parsed) => [OpsSoakBenchmarks.Run(context, parsed.GetValue(SoakRounds))]),
            Benchmark("all", "generator, etl and site, one report.",
                [GeneratorDays, Days, Cpus, MemoryLimit, .. SiteBenchmarks.Options], (context, parsed) =>
                [
                    GeneratorBenchmarks.Run(context, parsed.GetValue(GeneratorDays)),
                    EtlBenchmarks.Run(context, EtlSettings(parsed)),
                    SiteBenchmarks.Run(context, parsed),
                ]),
            ReportCommand(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("error: " + error.Message);
            }
            Console.Error.WriteLine("Try 'kollektivkart-bench --help'.");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("error: cancelled.");
            return Failed;
        }
        catch (BenchUsageException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return BadInput;
        }
        catch (BenchFailedException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return Failed;
        }
    }

    /// <summary>Without an explicit --runs the etl benchmark runs once per thread count (see <see cref="EtlBenchmarks.DefaultRuns"/>).</summary>
    private static EtlBenchSettings EtlSettings(ParseResult parsed) => new(
        parsed.GetValue(Days),
        parsed.GetResult(Runs) is { Implicit: false } ? parsed.GetValue(Runs) : EtlBenchmarks.DefaultRuns,
        parsed.GetValue(Cpus) ?? [1, 2],
        parsed.GetValue(MemoryLimit));

    /// <summary>The nightly benchmark runs the job as deployed: 2 threads.</summary>
    private static NightlyBenchSettings NightlySettings(ParseResult parsed) => new(parsed.GetValue(Scale), 2, parsed.GetValue(MemoryLimit));

    private static Command Benchmark(string name, string description, IEnumerable<Option> options,
        Func<BenchContext, ParseResult, IReadOnlyList<Section>> run)
    {
        var command = new Command(name, description) { Runs, Quick, Work, Out, MarkdownFile };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.SetAction((parsed, cancellationToken) =>
        {
            var repository = BuildOutputs.RepositoryRoot();
            var work = Path.GetFullPath(parsed.GetValue(Work) ?? Path.Combine(repository, "artifacts", "bench"));
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                // A log file or pipe has no width: keep the table's rows on one line each.
                console.Profile.Width = Math.Max(console.Profile.Width, 200);
            }
            var context = new BenchContext(repository, work, parsed.GetValue(Runs), parsed.GetValue(Quick),
                BuildOutputs.Configuration(), console, cancellationToken);
            Directory.CreateDirectory(work);
            if (context.Configuration != "Release")
            {
                context.Warn($"This is a {context.Configuration} build: run with -c Release for figures worth keeping.");
            }
            var machine = MachineFacts.Collect(repository);
            context.Log($"{name}: {machine.CpuModel}, {machine.LogicalCores} cores, {machine.MemoryGb:F1} GB, load {machine.LoadAverageAtStart}; work folder {work}");
            var started = DateTimeOffset.Now;
            var clock = Stopwatch.StartNew();
            var sections = run(context, parsed);
            var extra = parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
                .Where(o => !o.Implicit)
                .ToDictionary(o => o.Option.Name, o => o.Tokens.Count == 0 ? "yes" : string.Join(' ', o.Tokens.Select(t => t.Value)));
            // Other work on the machine inflates every figure: say how busy it was by the end too.
            extra["load average at end"] = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
            var report = new BenchReport(machine, new BenchSettings(name, context.Runs, context.Quick, context.Configuration, extra),
                started, clock.Elapsed, sections);

            ReportWriters.WriteTable(console, report);
            var json = Path.GetFullPath(parsed.GetValue(Out) ?? Path.Combine(work, $"results-{name}.json"));
            var markdown = Path.GetFullPath(parsed.GetValue(MarkdownFile) ?? Path.ChangeExtension(json, ".md"));
            ReportWriters.WriteJson(json, report);
            ReportWriters.WriteMarkdown(markdown, report);
            context.Log(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed.TotalMinutes:F1} min; wrote {json} and {markdown}"));
            // A missed target is a finding, not a failure: the table says so and the exit code stays 0.
            return Task.FromResult(Ok);
        });
        return command;
    }

    /// <summary><c>report</c>: results of separate commands (their JSON) as one Markdown file, e.g. RESULTS.md.</summary>
    private static Command ReportCommand()
    {
        var files = new Argument<string[]>("json") { Description = "Results files written by the other commands.", Arity = ArgumentArity.OneOrMore };
        var markdown = new Option<string>("--markdown") { Description = "The Markdown file to write.", HelpName = "file", Required = true };
        var command = new Command("report", "Merge results files (JSON) of separate runs into one Markdown file.") { files, markdown };
        command.SetAction(parsed =>
        {
            var reports = parsed.GetRequiredValue(files).Select(file => File.Exists(file)
                ? ReportWriters.ReadJson(file)
                : throw new BenchUsageException($"{file} does not exist.")).ToList();
            var first = reports[0];
            var merged = first with
            {
                Settings = first.Settings with
                {
                    Command = string.Join(", ", reports.Select(r => r.Settings.Command)),
                    Extra = reports.SelectMany(r => r.Settings.Extra.Select(e => (Key: $"{r.Settings.Command} {e.Key}", e.Value)))
                        .DistinctBy(e => e.Key).ToDictionary(e => e.Key, e => e.Value),
                },
                Duration = TimeSpan.FromTicks(reports.Sum(r => r.Duration.Ticks)),
                Sections = reports.SelectMany(r => r.Sections).ToList(),
            };
            var target = Path.GetFullPath(parsed.GetRequiredValue(markdown));
            ReportWriters.WriteMarkdown(target, merged);
            ReportWriters.WriteTable(AnsiConsole.Console, merged);
            Console.WriteLine($"wrote {target}");
            return Ok;
        });
        return command;
    }

    private static Option<int> PositiveOption(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"{description} (default {defaultValue})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1, got {result.GetValueOrDefault<int>()}.");
            }
        });
        return option;
    }
}
