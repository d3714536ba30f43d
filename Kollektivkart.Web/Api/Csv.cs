using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Api;

/// <summary>CSV downloads of exactly the rows a view shows, with the API's column names (RFC 4180 quoting).</summary>
public static class Csv
{
    public static string Write<T>(IReadOnlyList<Column<T>> columns, IEnumerable<T> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(c => Quote(c.Name))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', columns.Select(c => Cell(c.Value(row)))).Append("\r\n");
        }
        return text.ToString();
    }

    public static FileContentResult File<T>(IReadOnlyList<Column<T>> columns, IEnumerable<T> rows, string name) =>
        new(Encoding.UTF8.GetBytes(Write(columns, rows)), "text/csv; charset=utf-8") { FileDownloadName = name + ".csv" };

    private static string Cell(object? value) => value switch
    {
        null => "",
        string text => Quote(text),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    /// <summary>Quotes when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    private static string Quote(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
