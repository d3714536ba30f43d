using System.Globalization;
using System.Text.RegularExpressions;
using Kollektivkart.Bench.Running;

namespace Kollektivkart.Bench.Site;

/// <summary>One wrk run's result: latency percentiles (ms), requests per second, and how many answers were not 2xx/3xx.</summary>
public sealed record WrkResult(double P50Ms, double P99Ms, double RequestsPerSecond, long Requests, long Errors);

/// <summary>
/// Debian's wrk against one address on 127.0.0.1 for a bounded time: <c>wrk -tT -cN -dSs --latency</c>, with
/// request headers as a browser (or htmx) sends them.
/// </summary>
public static partial class Wrk
{
    public static bool Installed() => File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    public static WrkResult Run(BenchContext context, Uri url, int connections, int seconds, IReadOnlyDictionary<string, string> headers)
    {
        if (!url.IsLoopback)
        {
            throw new BenchUsageException($"wrk only runs against 127.0.0.1, not {url}.");
        }
        var arguments = new List<string>
        {
            "-t" + Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
            "-c" + connections.ToString(CultureInfo.InvariantCulture),
            "-d" + seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s",
            "--latency",
        };
        foreach (var (name, value) in headers)
        {
            arguments.Add("-H");
            arguments.Add($"{name}: {value}");
        }
        arguments.Add(url.ToString());
        var result = ChildProcess.Run("wrk", arguments, context.RepositoryRoot, context.Cancellation);
        var text = string.Join('\n', result.Output);
        if (result.ExitCode != 0)
        {
            throw new BenchFailedException($"wrk exited with {result.ExitCode}:{Environment.NewLine}{result.Tail()}");
        }
        return Parse(text);
    }

    public static WrkResult Parse(string output)
    {
        double Percentile(string p)
        {
            var match = Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            return match.Success
                ? Milliseconds(match.Groups[1].Value, match.Groups[2].Value)
                : throw new BenchFailedException($"wrk printed no {p}th percentile:{Environment.NewLine}{output}");
        }
        var rate = RequestsPerSecond().Match(output);
        var total = Total().Match(output);
        var errors = NotOk().Match(output);
        if (!rate.Success || !total.Success)
        {
            throw new BenchFailedException($"wrk printed no request rate:{Environment.NewLine}{output}");
        }
        return new WrkResult(
            Percentile("50"), Percentile("99"),
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            errors.Success ? long.Parse(errors.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static double Milliseconds(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "s" => number * 1000,
            _ => number,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Total();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NotOk();
}
