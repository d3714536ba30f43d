namespace Kollektivkart.Web.Tests.Support;

public static partial class HandBuiltPunctuality
{
    /// <summary>Rows the line and stop pages need beyond <see cref="Rows"/>.</summary>
    public static readonly IReadOnlyList<PunctualityRow> LineAndStopRows = [];
}
