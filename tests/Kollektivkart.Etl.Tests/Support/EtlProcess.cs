using System.Diagnostics;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests.Support;

public sealed record EtlResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>Runs the built command line as a separate process, the way a user or systemd does.</summary>
public static class EtlProcess
{
    /// <summary>The job's own build output: it runs with exactly the dependencies it ships with.</summary>
    private static string Dll => BuildOutput.Of("Kollektivkart.Etl", "kollektivkart-etl.dll");

    public static EtlResult Run(params string[] args) => Run(new Dictionary<string, string?>(), args);

    public static EtlResult Run(IDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kollektivkart-etl " + string.Join(' ', args) + " did not finish in 5 minutes");
        }
        return new EtlResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(IDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // Tests must not depend on the developer's credentials, nor reach BigQuery, S3 or the CDN.
        foreach (var variable in new[]
        {
            "GOOGLE_APPLICATION_CREDENTIALS", "BIGQUERY_PROJECT", "BIGQUERY_ENDPOINT",
            "BUNNY_STORAGE_ZONE", "BUNNY_STORAGE_KEY", "BUNNY_STORAGE_ENDPOINT", "BUNNY_API_KEY", "BUNNY_PULL_ZONE_ID", "BUNNY_API_ENDPOINT",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "DUCKDB_S3_ENDPOINT",
        })
        {
            info.Environment.Remove(variable);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>Pauses a running job (SIGSTOP): it keeps whatever it holds, as long as the test needs.</summary>
    public static void Pause(Process process) => Signal(process, "-STOP");

    public static void Resume(Process process) => Signal(process, "-CONT");

    /// <summary>Waits until <paramref name="condition"/> holds while the job still runs; fails when it ends first.</summary>
    public static void WaitUntil(Process process, Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(process.HasExited, $"the job exited before {what}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"no {what} in 3 minutes");
            Thread.Sleep(5);
        }
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
