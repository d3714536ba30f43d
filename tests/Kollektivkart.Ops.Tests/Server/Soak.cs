using System.Globalization;

namespace Kollektivkart.Ops.Tests.Server;

/// <summary>
/// The long form of the release-and-rollback test, which the bench's <c>ops-soak</c> command asks for: with
/// KOLLEKTIVKART_OPS_SOAK_ROUNDS=N the load runs through N whole releases and rollbacks (minutes of requests)
/// instead of around each switch. Unset, as in ./test.sh, the test shows the same property in a fraction of the time.
/// </summary>
public static class Soak
{
    public const string Variable = "KOLLEKTIVKART_OPS_SOAK_ROUNDS";

    /// <summary>How the result line starts in artifacts/ops/zero-downtime.txt, where the bench reads it.</summary>
    public const string ReportPrefix = "server: soak: ";

    public static int Rounds =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;
}
