using Kollektivkart.Testing;
namespace Kollektivkart.Etl.Tests.Support;

/// <summary>
/// One small demo pond of raw data, generated once per test class through the real command line:
/// six operating days across a month boundary and the spring daylight-saving change.
/// Tests copy it (<see cref="CopyTo"/>) so each works on its own pond; tests that need it derived first copy
/// <see cref="CopyDerivedTo"/>, derived once for them all.
/// </summary>
public sealed class DemoPondFixture : IDisposable
{
    public static readonly string[] DemoArgs = ["--from", "2025-03-27", "--days", "6", "--scale", "0.01", "--seed", "7"];

    private readonly TempFolder _folder = new();
    private readonly Lazy<string> _derived;

    public DemoPondFixture()
    {
        RawPond = _folder.Sub("raw");
        var result = EtlProcess.Run(["demo", RawPond, .. DemoArgs]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("demo failed: " + result.Output);
        }
        _derived = new Lazy<string>(() =>
        {
            var derived = TempFolder.CopyTree(RawPond, _folder.Sub("derived"));
            // In UTC, as a server runs it; the run's results do not depend on the zone (RunTests shows it).
            var run = EtlProcess.Run(new Dictionary<string, string?> { ["TZ"] = "UTC" }, "run", derived, "--skip-bq");
            return run.ExitCode == 0 ? derived : throw new InvalidOperationException("run failed: " + run.Output);
        });
    }

    public string RawPond { get; }

    public string CopyTo(TempFolder folder, string name = "pond") => TempFolder.CopyTree(RawPond, folder.Sub(name));

    /// <summary>A copy of the demo pond after a plain <c>run --skip-bq</c> (in UTC), which is made on first use.</summary>
    public string CopyDerivedTo(TempFolder folder, string name = "pond") => TempFolder.CopyTree(_derived.Value, folder.Sub(name));


    public void Dispose() => _folder.Dispose();
}
