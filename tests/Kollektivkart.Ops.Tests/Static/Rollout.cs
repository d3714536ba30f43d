using Kollektivkart.Ops.Tests.Support;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>ops/rolling-restart, which the job's unit runs (installed as ~/bin/rolling-restart on the server).</summary>
public static class Rollout
{
    public static string Script => Path.Combine(OpsFiles.Root, "rolling-restart");
}
