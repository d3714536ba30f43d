using Kollektivkart.Ops.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Ops.Tests.Serving;

[CollectionDefinition(Name)]
public sealed class OpsPondCollection : ICollectionFixture<OpsPond>
{
    public const string Name = "ops pond";
}

/// <summary>
/// A small pond written by the job itself (demo, then run), with its newest operating day long past:
/// the replicas serve it, and /status calls it stale.
/// </summary>
public sealed class OpsPond : IAsyncLifetime
{
    public const string NewestDay = "2025-01-14";

    private readonly TempFolder _folder = new();

    public string Path => _folder.Sub("pond");

    public async Task InitializeAsync()
    {
        await Etl("demo", Path, "--from", "2025-01-01", "--days", "14", "--scale", "0.01", "--seed", "5");
        await Etl("run", Path, "--skip-bq");
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static async Task Etl(params string[] arguments)
    {
        var result = await Tool.Run("dotnet", [BuildOutput.Of("Kollektivkart.Etl", "kollektivkart-etl.dll"), .. arguments],
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, $"kollektivkart-etl {string.Join(' ', arguments)} failed:\n{result.Output}");
    }
}
