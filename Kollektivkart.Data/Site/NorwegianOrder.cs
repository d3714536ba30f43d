using System.Globalization;

namespace Kollektivkart.Data.Site;

/// <summary>
/// The one order of names on the site, the tables, the CSV and the API: Norwegian, as a Norwegian reader expects
/// (Æ, Ø, Å after Z; case and accents second, so "aker" sits just before "Aker" and "Éclair" among the E's), then
/// ordinal, so no two different names compare equal. DuckDB's ICU lacks the Norwegian tailoring (its
/// <c>COLLATE nb</c> puts Æ before A and Å beside A), so names are ordered here, never by SQL.
/// </summary>
public static class NorwegianOrder
{
    private static readonly CompareInfo? Icu = Collation();

    /// <summary>Compares names in Norwegian order; null first.</summary>
    public static readonly StringComparer Names = new NameComparer(Icu);

    /// <summary>Whether the runtime's ICU gives the Norwegian order (else <see cref="FallbackKey"/> is used).</summary>
    public static bool UsesIcu => Icu is not null;

    private static CompareInfo? Collation()
    {
        try
        {
            var compare = CultureInfo.GetCultureInfo("nb-NO").CompareInfo;
            // Without ICU (invariant globalization) there is no tailoring and Å sorts as A: checked, not assumed.
            return compare.Compare("Z", "Æ") < 0 && compare.Compare("Æ", "Ø") < 0 && compare.Compare("Ø", "Å") < 0
                && compare.Compare("aker", "Bergen", CompareOptions.IgnoreCase) < 0
                ? compare
                : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where ICU is missing: lower case, with æ/ä, ø/ö and å in that order after z (ä and ö are sorted as æ and ø in
    /// Norwegian, aa is not folded into å), compared ordinally.
    /// </summary>
    internal static string FallbackKey(string name) =>
        string.Create(name.Length, name, (key, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                key[i] = char.ToLowerInvariant(source[i]) switch
                {
                    'æ' or 'ä' => '\uFFF0',
                    'ø' or 'ö' => '\uFFF1',
                    'å' => '\uFFF2',
                    var c => c,
                };
            }
        });

    private sealed class NameComparer(CompareInfo? collation) : StringComparer
    {
        public override int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }
            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }
            // Letters first, then case (lower before upper, as dictionaries have it), then code points.
            var order = collation is not null
                ? collation.Compare(x, y, CompareOptions.IgnoreCase) is var letters and not 0 ? letters : collation.Compare(x, y)
                : string.CompareOrdinal(FallbackKey(x), FallbackKey(y));
            return order != 0 ? order : string.CompareOrdinal(x, y);
        }

        public override bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public override int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(obj);
    }
}
