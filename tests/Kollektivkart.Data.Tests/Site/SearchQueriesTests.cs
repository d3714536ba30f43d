using Kollektivkart.Data.Site;
using Kollektivkart.Data.Tests.Support;

namespace Kollektivkart.Data.Tests.Site;

/// <summary>
/// Stops in Oslo (Ruter) and a Storo in Bergen (Skyss), each on a stretch with February statistics,
/// on lines RUT 31, 310, 131, 5, 4 and SKY 3; RUT 31 also runs back once on a Saturday.
/// </summary>
public sealed class SearchPondFixture() : SitePond(pond =>
{
    string[] oslo = ["Storo", "Stokk", "Stortinget", "Nedre Storo", "Vestoppen", "100% Arena", "Grefsen 10", "Økern", "Bryn-Stovner"];
    for (var n = 0; n < oslo.Length; n++)
    {
        pond.Stop(21 + n, oslo[n], Geo.NorthOf(Geo.OsloLat, 1000 * n), Geo.OsloLon);
    }
    pond.Stop(40, "Storo", 60.3913, 5.3221).Stop(41, "Bergen busstasjon", Geo.NorthOf(60.3913, 1000), 5.3221);
    IEnumerable<Call> Line(string lineRef, int from, int to, string dataSourceName = "Ruter") =>
        Journeys.OnWeekdays(February, 15, 21, [($"NSR:Quay:{from}", 0), ($"NSR:Quay:{to}", 0)],
            lineRef, lineRef.Split(':')[0], dataSourceName);
    pond.Add(Line("RUT:Line:31", 21, 22))
        .Add(Line("RUT:Line:310", 23, 24))
        .Add(Line("RUT:Line:131", 25, 26))
        .Add(Line("RUT:Line:5", 27, 28))
        .Add(Line("RUT:Line:4", 29, 21))
        .Add(Line("SKY:Line:3", 40, 41, "Skyss"))
        .Add(OnSaturday("RUT:Line:31", "Inbound", "NSR:Quay:22", "NSR:Quay:21"));
});

public sealed class SearchQueriesTests(SearchPondFixture fixture) : IClassFixture<SearchPondFixture>
{
    private StatsDatabase Db => fixture.Db;

    private List<string> StopNames(string text, int limit = 20) =>
        SearchQueries.Search(Db, text, limit).Stops.Select(s => s.Name).ToList();

    private List<string> LineLabels(string text, int limit = 20) =>
        SearchQueries.Search(Db, text, limit).Lines.Select(l => $"{l.DataSource} {l.Label}").ToList();

    [Fact]
    public void Stops_starting_with_the_text_come_first_then_a_word_starting_with_it_then_shorter_names_then_alphabetical()
    {
        var stops = SearchQueries.Search(Db, "sto", 20).Stops;

        Assert.Equal(
            [
                ("Stokk", "RUT"), ("Storo", "RUT"), ("Storo", "SKY"), ("Stortinget", "RUT"),
                ("Nedre Storo", "RUT"), ("Bryn-Stovner", "RUT"),
                ("Vestoppen", "RUT"),
            ],
            stops.Select(s => (s.Name, string.Join(",", s.DataSources))));
    }

    [Fact]
    public void Search_ignores_case_and_surrounding_space()
    {
        var expected = StopNames("sto");

        Assert.Equal(expected, StopNames("STO"));
        Assert.Equal(expected, StopNames("  sTo \t"));
        Assert.Equal(["Økern"], StopNames("øK"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("s")]
    [InlineData(" 3 ")]
    public void Text_shorter_than_two_characters_finds_nothing(string text)
    {
        Assert.True(SearchQueries.Search(Db, text, 20).IsEmpty);
    }

    [Fact]
    public void Percent_and_underscore_are_taken_literally()
    {
        // As LIKE patterns, "0%" would match Grefsen 10 and line 310, and "o_o" Storo.
        Assert.Equal(["100% Arena"], StopNames("0%"));
        Assert.Equal(["RUT 131"], LineLabels("0%"));
        Assert.True(SearchQueries.Search(Db, "o_o", 20).IsEmpty);
    }

    [Fact]
    public void The_limit_applies_to_each_kind()
    {
        var results = SearchQueries.Search(Db, "31", 2);

        Assert.Equal(["RUT 31", "RUT 310"], results.Lines.Select(l => $"{l.DataSource} {l.Label}"));
        Assert.Equal(["Stokk", "Storo"], StopNames("sto", limit: 2));
        Assert.True(SearchQueries.Search(Db, "sto", 0).IsEmpty);
    }

    [Fact]
    public void Lines_whose_label_is_the_text_come_first_then_labels_starting_with_it_then_other_matches()
    {
        Assert.Equal(["RUT 31", "RUT 310", "RUT 131"], LineLabels("31"));
        // Operator code or name before the label; "ruter 31" is also part of "ruter 310".
        Assert.Equal(["RUT 31", "RUT 310"], LineLabels("Ruter 31"));
        Assert.Equal(["RUT 31", "RUT 310"], LineLabels("rut 31"));
    }

    [Fact]
    public void Lines_are_found_by_a_terminus_and_ordered_by_number()
    {
        Assert.Equal(["SKY 3", "RUT 4", "RUT 31", "RUT 310"], LineLabels("storo"));
    }

    [Fact]
    public void A_line_match_names_its_operator_and_its_busiest_directions_ends()
    {
        var line = SearchQueries.Search(Db, "31", 1).Lines.Single();

        Assert.Equal(new LineMatch("RUT", "Ruter", "RUT:Line:31", "31", "Storo", "Stokk"), line);
        Assert.Equal("Ruter 31: Storo – Stokk", line.Description);
        Assert.Equal("Skyss", SearchQueries.Search(Db, "sky 3", 1).Lines.Single().DataSourceName);
    }
}
