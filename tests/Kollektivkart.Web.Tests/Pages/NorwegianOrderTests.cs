using System.Text.Json;
using SearchQueries = Kollektivkart.Data.Site.SearchQueries;
using Kollektivkart.Web.Serving;
using Kollektivkart.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Kollektivkart.Web.Tests.Support.HandBuiltStatsDb;

namespace Kollektivkart.Web.Tests.Pages;

/// <summary>
/// Names sort as a Norwegian reader expects: case aside, Æ, Ø and Å after Z, in that order. Ordinal order would put
/// "aker" after "Zebra" and Å before Æ; the invariant culture would put Å beside A.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class NorwegianOrderTests(SiteData data)
{
    /// <summary>The six names in the order a Norwegian dictionary has them.</summary>
    private static readonly string[] InOrder = ["aker", "Bergen", "Zebra", "Ærfugl", "Ørje", "Åsane"];

    private const int Hour = 12;

    private static readonly Stop[] Stops =
    [
        new("NSR:StopPlace:45", "Ørje", 59.48, 11.66),
        new("NSR:StopPlace:41", "Åsane", 60.46, 5.32),
        new("NSR:StopPlace:43", "Zebra", 59.91, 10.70),
        new("NSR:StopPlace:44", "Ærfugl", 59.92, 10.72),
        new("NSR:StopPlace:42", "aker", 59.93, 10.74),
        new("NSR:StopPlace:46", "Bergen", 60.39, 5.33),
    ];

    /// <summary>Stops that a search for "vik" finds alike (the text inside the name, five letters): only their names order them.</summary>
    private static readonly Stop[] Viks =
    [
        new("NSR:StopPlace:51", "Åsvik", 60.10, 10.10),
        new("NSR:StopPlace:52", "Ørvik", 60.11, 10.11),
        new("NSR:StopPlace:53", "Zavik", 60.12, 10.12),
        new("NSR:StopPlace:54", "Ærvik", 60.13, 10.13),
    ];

    /// <summary>A code per name (its operator), and the stop's name as the operator's name.</summary>
    private static string Code(Stop stop) => "N" + stop.Id[^2..];

    /// <summary>
    /// February at <see cref="Hour"/>: a stretch from each stop to the next in <see cref="Stops"/> (which is no order),
    /// run by an operator named like the stop, rush intensity falling down the list; the Åsane operator runs a line
    /// named after each stop on its stretch, and, an hour later, a round of the <see cref="Viks"/>.
    /// </summary>
    public static readonly MoreRows Rows = new(
        [
            .. Stops.Select((from, i) => new LegStat(
                February, Hour, Code(from), from, Stops[(i + 1) % Stops.Length], 300 - 10 * i, 200, 150, 200, 150, 20, 200)),
            .. Viks.Select((from, i) => new LegStat(
                February, Hour + 1, Code(Stops[1]), from, Viks[(i + 1) % Viks.Length], 300, 200, 150, 200, 150, 20, 200)),
        ],
        [.. Stops.Select(s => new LineStretch(Code(Stops[1]), $"{Code(Stops[1])}:Line:{s.Name}", Stops[1], Stops[2], 1))],
        FirstDate,
        Stops.ToDictionary(Code, s => s.Name));

    private Task<Site> NamesSite() => data.Started(data.NorwegianNames.Folder, Today);

    [Fact]
    public async Task A_table_sorted_by_name_and_its_csv_are_in_norwegian_order()
    {
        var site = await NamesSite();
        const string url = "/2025/2/12/hot-spots?sort=name&dir=asc";

        var table = Html.Table(await Views.FullPage(site, url));
        var csv = await Views.Csv(site, url + "&handler=csv");
        var descending = Html.Table(await Views.FullPage(site, "/2025/2/12/hot-spots?sort=name&dir=desc"));

        Assert.Equal(InOrder, table.Rows.Select(r => r[0].Split(" \u2192 ")[0]));
        Assert.Equal(InOrder, csv.Skip(1).Select(r => r[Array.IndexOf(csv[0], "from_stop")]));
        Assert.Equal(InOrder.Reverse(), descending.Rows.Select(r => r[0].Split(" \u2192 ")[0]));
    }

    [Fact]
    public async Task Operators_and_lines_in_the_api_are_in_norwegian_order()
    {
        var site = await NamesSite();

        using var operators = JsonDocument.Parse(await site.GetOk("/api/datasource-names"));
        using var lines = JsonDocument.Parse(await site.GetOk($"/api/lines/{Code(Stops[1])}"));

        // The hand-built operators (AtB, Ruter, Skyss) among them: "aker" before "AtB", case aside.
        Assert.Equal(
            ["aker", "AtB", "Bergen", "Ruter", "Skyss", "Zebra", "Ærfugl", "Ørje", "Åsane"],
            operators.RootElement.EnumerateObject().Select(p => p.Value.GetString()));
        Assert.Equal(InOrder, lines.RootElement.EnumerateArray().Select(l => l.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Search_results_alike_but_for_their_names_are_in_norwegian_order_also_at_the_limit()
    {
        var site = await NamesSite();

        var page = Html.Parse(await site.GetOk("/search?q=vik"));
        var database = site.Services.GetRequiredService<StatsDbProvider>().Current!;

        Assert.Equal(["Zavik", "Ærvik", "Ørvik", "Åsvik"], page.QuerySelectorAll("a[href^='/stops/'] strong").Select(Html.Text));
        // Byte order would keep Zavik and Åsvik (å is U+00E5, before æ and ø).
        Assert.Equal(["Zavik", "Ærvik"], SearchQueries.Search(database, "vik", 2).Stops.Select(s => s.Name));
    }

    [Fact]
    public async Task The_operator_selector_and_the_line_selector_are_in_norwegian_order()
    {
        var site = await NamesSite();

        var page = await Views.FullPage(site, $"/2025/2/12/legs/{Code(Stops[1])}");

        // After "All operators: hot spots", options read "Åsane (N41)".
        var operators = page.QuerySelectorAll("select[name=ds] option").Skip(1).Select(o => Html.Text(o).Split(" (")[0]);
        Assert.Equal(["aker", "AtB", "Bergen", "Ruter", "Skyss", "Zebra", "Ærfugl", "Ørje", "Åsane"], operators);
        var lines = page.QuerySelectorAll("select[name=line] option").Select(o => o.GetAttribute("value")).OfType<string>().Where(v => v.Length > 0);
        Assert.Equal(InOrder.Select(n => $"{Code(Stops[1])}:Line:{n}"), lines);
    }
}
