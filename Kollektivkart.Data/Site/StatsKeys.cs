using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kollektivkart.Data.Site;

/// <summary>
/// The integer keys stats.db's big tables are ordered by (macros stop_key and line_key, Sql/StatsDb/keys.sql), computed
/// here for a query's parameters: a constant the scan can compare with each row group's minimum and maximum, where the
/// macro in the query would be planned again on every request. A key narrows the rows read; queries compare the id too.
/// </summary>
public static partial class StatsKeys
{
    /// <summary>The number in NSR:StopPlace:N; for any other id, a negative number from the low 64 bits of its MD5.</summary>
    public static long Stop(string stopId) =>
        StopPlace().IsMatch(stopId)
            ? long.Parse(stopId.AsSpan("NSR:StopPlace:".Length), NumberStyles.None, CultureInfo.InvariantCulture)
            : -1 - (long)(Md5Lower(stopId) >> 1);

    /// <summary>A non-negative number from the low 64 bits of the lineRef's MD5.</summary>
    public static long Line(string lineRef) => (long)(Md5Lower(lineRef) >> 1);

    /// <summary>DuckDB's md5_number_lower: bytes 8 to 15 of the digest, little-endian.</summary>
    private static ulong Md5Lower(string text) =>
        BinaryPrimitives.ReadUInt64LittleEndian(MD5.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(8));

    [GeneratedRegex(@"^NSR:StopPlace:[0-9]{1,15}\z", RegexOptions.CultureInvariant)]
    private static partial Regex StopPlace();
}
