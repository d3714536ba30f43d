using System.Diagnostics;

namespace Kollektivkart.Etl.Tests.Support;

public sealed record EtlResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>Runs the built command line as a separate process, the way a user or systemd does.</summary>
public static class EtlProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "kollektivkart-etl.dll");

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
        // Tests must not depend on the developer's credentials or on BigQuery.
        info.Environment.Remove("GOOGLE_APPLICATION_CREDENTIALS");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }
}
