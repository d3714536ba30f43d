using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Support;

/// <summary>
/// Figures the ops tests measure (loads through Caddy, how long provisioning took), one line each in
/// artifacts/ops/zero-downtime.txt, which ./test.sh prints after the tests.
/// </summary>
public static class OpsReport
{
    private static readonly Lock Writing = new();

    public static string File => Path.Combine(BuildOutput.RepositoryRoot, "artifacts", "ops", "zero-downtime.txt");

    public static void Append(string line)
    {
        lock (Writing)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            System.IO.File.AppendAllText(File, line + "\n");
        }
    }
}
