using Microsoft.AspNetCore.WebUtilities;

namespace Kollektivkart.Web.Display;

/// <summary>
/// A column people can sort a table by; <see cref="Key"/> is its name in the address. Numbers sort
/// largest first unless <see cref="DescendingFirst"/> says otherwise (route order, for one).
/// </summary>
public sealed record SortColumn<T>(string Key, string Header, Func<T, IComparable> Value, bool Numeric = true, bool? DescendingFirst = null)
{
    public bool FirstDescending => DescendingFirst ?? Numeric;
}

/// <summary>
/// A table's rows in the order the address asks for (<c>sort</c>, <c>dir</c>). Sorting is done by the
/// server, so header links work without JavaScript and a sorted table is a link like any other view.
/// </summary>
public sealed class Table<T>
{
    public Table(IReadOnlyList<SortColumn<T>> columns, IReadOnlyList<T> rows, string? sort, string? dir, string defaultKey, string baseUrl,
        int? shownRows = null)
    {
        Columns = columns;
        var column = columns.FirstOrDefault(c => c.Key == sort) ?? columns.First(c => c.Key == defaultKey);
        SortKey = column.Key;
        Descending = dir is null ? column.FirstDescending : dir == "desc";
        var ordered = Descending ? rows.OrderByDescending(column.Value) : rows.OrderBy(column.Value);
        Rows = ordered.ToList();
        Shown = shownRows is { } n && n < Rows.Count ? Rows.Take(n).ToList() : Rows;
        BaseUrl = baseUrl;
        IsDefaultOrder = column.Key == defaultKey && Descending == column.FirstDescending;
    }

    public IReadOnlyList<SortColumn<T>> Columns { get; }

    /// <summary>Every row, in the asked order: what the CSV holds.</summary>
    public IReadOnlyList<T> Rows { get; }

    /// <summary>The rows the page shows: the first <c>shownRows</c> (all when null).</summary>
    public IReadOnlyList<T> Shown { get; }

    public bool IsCut => Shown.Count < Rows.Count;

    public string SortKey { get; }

    public bool Descending { get; }

    public bool IsDefaultOrder { get; }

    /// <summary>The view's address without sorting (position kept).</summary>
    public string BaseUrl { get; }

    public string? AriaSort(SortColumn<T> column) =>
        column.Key == SortKey ? (Descending ? "descending" : "ascending") : null;

    /// <summary>The address sorting by this column; a sorted column's link flips its direction.</summary>
    public string SortUrl(SortColumn<T> column)
    {
        var descending = column.Key == SortKey ? !Descending : column.FirstDescending;
        return QueryHelpers.AddQueryString(BaseUrl, new Dictionary<string, string?>
        {
            ["sort"] = column.Key,
            ["dir"] = descending ? "desc" : "asc",
        });
    }

    /// <summary>The current view's address with its sort order, for links (CSV) that must show the same rows.</summary>
    public string WithSort(string url) => IsDefaultOrder
        ? url
        : QueryHelpers.AddQueryString(url, new Dictionary<string, string?> { ["sort"] = SortKey, ["dir"] = Descending ? "desc" : "asc" });
}
