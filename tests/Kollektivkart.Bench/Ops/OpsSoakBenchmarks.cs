using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Bench.Results;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Ops;

/// <summary>
/// The long form of the ops tests' release and rollback: the provisioned Debian 12 server of
/// tests/Kollektivkart.Ops.Tests, and a steady load through Caddy across whole site.yml runs onto the
/// other image and back, <c>--rounds</c> times. ./test.sh runs the same test with the load only around
/// each switch; this is the soak (minutes, tens of thousands of requests) that shows nothing is lost
/// over the long run either. Each run provisions a fresh server (about 4 minutes before the soak).
/// </summary>
public static partial class OpsSoakBenchmarks
{
    public const int DefaultRounds = 1;

    /// <summary>KOLLEKTIVKART_OPS_SOAK_ROUNDS: read by ProvisionedServerTests (Server/Soak.cs).</summary>
    public const string RoundsVariable = "KOLLEKTIVKART_OPS_SOAK_ROUNDS";

    private const string Test = "Kollektivkart.Ops.Tests.Server.ProvisionedServerTests.A_release_and_the_rollback_to_the_previous_tag_swap_the_image_on_both_replicas_without_a_failed_request";

    public static Section Run(BenchContext context, int rounds)
    {
        var runs = context.Quick ? 1 : context.Runs;
        // The test project's own build, in this program's configuration; dotnet test does not rebuild it.
        var project = Path.Combine("tests", "Kollektivkart.Ops.Tests");
        BuildOutputs.Of(context.RepositoryRoot, project, context.Configuration, "Kollektivkart.Ops.Tests.dll");
        var reportFile = Path.Combine(context.RepositoryRoot, "artifacts", "ops", "zero-downtime.txt");
        context.Log($"ops-soak: {runs} run(s), each a fresh server and {rounds} release(s) and rollback(s) under one load");
        var sent = new List<double>();
        var failed = new List<double>();
        var p99 = new List<double>();
        var seconds = new List<double>();
        var rates = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var linesBefore = File.Exists(reportFile) ? File.ReadAllLines(reportFile).Length : 0;
            var result = ChildProcess.Run(ChildProcess.DotNetHost(),
                ["test", project, "-c", context.Configuration, "--no-build", "--nologo", "--filter", $"FullyQualifiedName={Test}"],
                context.RepositoryRoot, context.Cancellation,
                line =>
                {
                    if (line.Contains("Passed!", StringComparison.Ordinal) || line.Contains("Failed!", StringComparison.Ordinal) || line.Contains("[FAIL]", StringComparison.Ordinal))
                    {
                        context.Log($"ops-soak run {run}: {line.Trim()}");
                    }
                },
                new Dictionary<string, string?> { [RoundsVariable] = rounds.ToString(CultureInfo.InvariantCulture) });
            var lines = File.Exists(reportFile) ? File.ReadAllLines(reportFile).Skip(linesBefore).ToList() : [];
            var soak = lines.Select(l => SoakLine().Match(l)).LastOrDefault(m => m.Success);
            if (soak is null)
            {
                throw new BenchFailedException($"the ops test (exit {result.ExitCode}) reported no soak in {reportFile}:{Environment.NewLine}{result.Tail(30)}");
            }
            foreach (var line in lines)
            {
                context.Log($"ops-soak run {run}: {line}");
            }
            var count = double.Parse(soak.Groups["sent"].Value, CultureInfo.InvariantCulture);
            var elapsed = double.Parse(soak.Groups["seconds"].Value, CultureInfo.InvariantCulture);
            sent.Add(count);
            failed.Add(double.Parse(soak.Groups["failed"].Value, CultureInfo.InvariantCulture));
            p99.Add(double.Parse(soak.Groups["p99"].Value, CultureInfo.InvariantCulture));
            seconds.Add(elapsed);
            rates.Add(count / elapsed);
            if (result.ExitCode != 0)
            {
                context.Warn($"ops-soak run {run}: the test failed (exit {result.ExitCode}); its failures are in the figures.");
            }
        }
        var roundsText = rounds == 1 ? "1 round" : $"{rounds} rounds";
        return new Section("ops-soak", $"Release and rollback on a provisioned server under load, {roundsText} a run",
        [
            Figure.Of("failed requests", "requests", failed, Target.NoMoreThan(0, "0")),
            Figure.Of("requests sent", "requests", sent),
            Figure.Of("load duration", "s", seconds),
            Figure.Of("requests per second", "requests/s", rates),
            Figure.Of("p99 through Caddy", "ms", p99, note: "no target: the server, the load and the playbook share this machine's cores"),
        ],
        [
            $"Each run: `dotnet test tests/Kollektivkart.Ops.Tests --filter` the release-and-rollback test with {RoundsVariable}={rounds}: a fresh server provisioned by site.yml, then one load (4 clients through Caddy) across {roundsText} of whole site.yml runs onto the other image and back.",
            "A failed request is any answer but the expected status, or none within 15 s; the client never retries.",
        ]);
    }

    [GeneratedRegex(@"^server: soak: .*: (?<sent>\d+) requests in (?<seconds>[\d.]+) s, (?<failed>\d+) failed, p50 \d+ ms, p99 (?<p99>\d+) ms")]
    private static partial Regex SoakLine();
}
