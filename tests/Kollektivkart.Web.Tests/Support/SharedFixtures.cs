using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Kollektivkart.Web.Tests.Support.SharedFixtures", "Kollektivkart.Web.Tests")]

namespace Kollektivkart.Web.Tests.Support;

/// <summary>
/// xunit 2 as it is, plus one step once every collection has run: what the collections share (<see cref="SiteData"/>'s
/// store: the processes it started, its folder) is disposed then, before the run reports that it has finished.
/// A collection fixture cannot: it is disposed when its own collection ends, while the others may still use the store.
/// </summary>
public sealed class SharedFixtures(IMessageSink diagnostics) : XunitTestFramework(diagnostics)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName name, ISourceInformationProvider sources, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(name, sources, diagnostics)
    {
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(
        ITestAssembly assembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(assembly, testCases, diagnostics, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Aggregator.RunAsync(SiteData.DisposeShared);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
