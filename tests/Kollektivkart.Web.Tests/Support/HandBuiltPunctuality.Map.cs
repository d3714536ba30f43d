namespace Kollektivkart.Web.Tests.Support;

public static partial class HandBuiltPunctuality
{
    /// <summary>Rows the punctuality map and the API need beyond <see cref="Rows"/>.</summary>
    public static readonly IReadOnlyList<PunctualityRow> MapRows = [];
}
