using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Kollektivkart.Ops.Tests.Server.ServerFirst", "Kollektivkart.Ops.Tests")]

namespace Kollektivkart.Ops.Tests.Server;

/// <summary>
/// The provisioned server's collection starts first: it is the longest by minutes, so the others (a few collections at
/// a time) run beside it rather than before it. The rest keep xunit's order.
/// </summary>
public sealed class ServerFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == ProvisionedServerCollection.Name ? 0 : 1);
}
