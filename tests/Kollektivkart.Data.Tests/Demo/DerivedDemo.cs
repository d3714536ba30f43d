using Kollektivkart.Data.Demo;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Tests.Demo;

/// <summary>
/// Demo data from Monday 27 January to Tuesday 4 February 2025 (two months, so February has a month before) through the
/// real job, derived once per test run for every class that reads what the job makes of it. Nobody writes to it: a test
/// that changes a pond or builds its stats.db another way works on a copy (<see cref="CopyTo"/>). Deleted when the
/// test process ends.
/// </summary>
public static class DerivedDemo
{
    public static readonly DemoOptions Options = new(new DateOnly(2025, 1, 27), Days: 9, Scale: 0.02);

    public static readonly RunOptions RunOptions = new(new DateOnly(2025, 1, 1));

    private static readonly Lazy<string> Derived = new(Derive, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The derived pond's folder: read it, never write to it.</summary>
    public static string Root => Derived.Value;

    /// <summary>The published stats.db of the derived pond: copy it before opening it for writing.</summary>
    public static string StatsDb => Path.Combine(Root, PondLayout.StatsDb);

    /// <summary>A copy of the whole derived pond at <paramref name="target"/>.</summary>
    public static LocalPond CopyTo(string target) => LocalPond.Open(TempFolder.CopyTree(Root, target), create: false);

    private static string Derive()
    {
        var folder = new TempFolder();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        var pond = LocalPond.Open(folder.Path, create: true);
        DemoGenerator.Generate(pond, Options);
        new Derivation(pond, RunOptions, NullLogger.Instance).Run();
        return folder.Path;
    }
}
