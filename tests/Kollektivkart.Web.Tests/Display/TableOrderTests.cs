using Kollektivkart.Web.Display;

namespace Kollektivkart.Web.Tests.Display;

/// <summary>
/// A table's order is LINQ's OrderBy (or OrderByDescending) with the site's comparer of values, ties in the order the
/// query gave: the unboxed sort of number columns must not change it, nor the order of anything else.
/// </summary>
public sealed class TableOrderTests
{
    private sealed record Row(int Id, IComparable Key);

    private static readonly Comparer<IComparable> SiteValues = Comparer<IComparable>.Create((x, y) =>
        x is string a && y is string b ? Kollektivkart.Data.Site.NorwegianOrder.Names.Compare(a, b) : Comparer<IComparable>.Default.Compare(x, y));

    public static TheoryData<string> Kinds => ["double", "double with NaN and infinities", "int", "long", "string", "nullable double", "mixed"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sorted_rows_are_those_of_a_stable_sort_either_way(string kind)
    {
        var random = new Random(20261208);
        string[] names = ["Ås", "Aker", "aker", "Øvre", "Æsøy", "Bergen", "Éclair", "Zebra"];
        IComparable? Key(int i) => kind switch
        {
            // Few distinct values, so most rows tie and their given order shows.
            "double" => random.Next(20) / 4.0,
            "double with NaN and infinities" => random.Next(6) switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => double.NegativeInfinity, var n => n * 0.5 },
            "int" => random.Next(-5, 5),
            "long" => (long)random.Next(10) << 33,
            "string" => names[random.Next(names.Length)],
            "nullable double" => random.Next(4) == 0 ? null : random.Next(5) * 1.5,
            _ => random.Next(3) == 0 ? names[random.Next(names.Length)] : random.Next(3) == 0 ? (IComparable)random.Next(4) : null,
        };
        var rows = Enumerable.Range(0, 500).Select(i => new Row(i, Key(i)!)).ToList();
        if (kind == "mixed")
        {
            // Strings with numbers do not compare; only strings and nulls, or numbers and nulls, do.
            rows = rows.Where(r => r.Key is not int).ToList();
        }

        foreach (var descending in new[] { false, true })
        {
            var expected = descending ? rows.OrderByDescending(r => r.Key, SiteValues) : rows.OrderBy(r => r.Key, SiteValues);
            Assert.Equal(expected.Select(r => r.Id), Table<Row>.Sorted(rows, r => r.Key, descending).Select(r => r.Id));
        }
    }
}
