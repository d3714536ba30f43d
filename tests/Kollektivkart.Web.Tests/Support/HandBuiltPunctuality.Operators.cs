namespace Kollektivkart.Web.Tests.Support;

public static partial class HandBuiltPunctuality
{
    /// <summary>Rows the operators pages need beyond <see cref="Rows"/>.</summary>
    public static readonly IReadOnlyList<PunctualityRow> OperatorPageRows = [];
}
