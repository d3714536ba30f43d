using Kollektivkart.Testing;
namespace Kollektivkart.Etl.Tests.Support;

/// <summary>
/// One small demo pond of raw data, generated once per test class through the real command line:
/// six operating days across a month boundary and the spring daylight-saving change.
/// Tests copy it (<see cref="CopyTo"/>) so each works on its own pond.
/// </summary>
public sealed class DemoPondFixture : IDisposable
{
    public static readonly string[] DemoArgs = ["--from", "2025-03-27", "--days", "6", "--scale", "0.01", "--seed", "7"];

    private readonly TempFolder _folder = new();

    public DemoPondFixture()
    {
        RawPond = _folder.Sub("raw");
        var result = EtlProcess.Run(["demo", RawPond, .. DemoArgs]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("demo failed: " + result.Output);
        }
    }

    public string RawPond { get; }

    public string CopyTo(TempFolder folder, string name = "pond")
    {
        var target = folder.Sub(name);
        foreach (var file in Directory.EnumerateFiles(RawPond, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RawPond, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    public void Dispose() => _folder.Dispose();
}
