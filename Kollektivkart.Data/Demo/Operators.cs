namespace Kollektivkart.Data.Demo;

/// <summary>Land: the compass sector (bearing +- half width) from the hub that is not fjord or sea, where stops may go.</summary>
internal sealed record City(
    string Name, double Latitude, double Longitude, string Municipality, string HubName,
    double LandBearing, double LandHalfWidth, double Weight)
{
    public string TopographicPlaceRef => "KVE:TopographicPlace:" + Municipality;
}

internal sealed record DirectionScheme(string First, string Second)
{
    public static readonly DirectionScheme InboundOutbound = new("Outbound", "Inbound");
    public static readonly DirectionScheme Numbered = new("1", "2");

    public DirectionScheme Other => this == InboundOutbound ? Numbered : InboundOutbound;
}

/// <summary>A data source of Entur's feed; Share is its part of the nationwide weekday calls.</summary>
internal sealed record DataSourceOperator(
    string Code, string Name, string? EarlierName, double Share, DirectionScheme Directions,
    string LineRefPrefix, bool RunsNightLines, IReadOnlyList<string> Companies, IReadOnlyList<City> Cities, bool Rail = false)
{
    public string OperatorRef(string company) => Code + ":Operator:" + company;
}

internal static class Operators
{
    public static readonly IReadOnlyList<DataSourceOperator> All =
    [
        new("RUT", "Ruter", null, 0.395, DirectionScheme.InboundOutbound, "RUT:Line:", true,
            ["Unibuss", "Norgesbuss", "Nobina", "VyBuss"],
            [new("Oslo", 59.9111, 10.7528, "0301", "Jernbanetorget", 0, 145, 1)]),
        new("SKY", "Skyss", null, 0.13, DirectionScheme.InboundOutbound, "SKY:Line:", true,
            ["Tide", "Keolis", "Vy"],
            [new("Bergen", 60.3894, 5.3330, "4601", "Bergen busstasjon", 135, 120, 1)]),
        new("ATB", "AtB", null, 0.11, DirectionScheme.Numbered, "ATB:Line:2_", true,
            ["Vy", "Tide", "Nettbuss"],
            [new("Trondheim", 63.4305, 10.3951, "5001", "Prinsens gate", 180, 110, 1)]),
        new("KOL", "Kolumbus", null, 0.07, DirectionScheme.Numbered, "KOL:Line:", false,
            ["Boreal", "Vy"],
            [new("Stavanger", 58.9690, 5.7331, "1103", "Stavanger byterminal", 190, 110, 1)]),
        new("AKT", "Agder Kollektivtrafikk", null, 0.045, DirectionScheme.Numbered, "AKT:Line:", false,
            ["Boreal", "Setesdal"],
            [new("Kristiansand", 58.1462, 7.9956, "4204", "Henrik Wergelands gate", 0, 100, 1)]),
        new("INN", "Innlandstrafikk", null, 0.035, DirectionScheme.InboundOutbound, "INN:Line:", false,
            ["Vy", "Trønderbilene"],
            [
                new("Hamar", 60.7945, 11.0680, "3403", "Hamar skysstasjon", 60, 110, 0.6),
                new("Lillehammer", 61.1153, 10.4662, "3405", "Lillehammer skysstasjon", 90, 100, 0.4),
            ]),
        new("VOT", "Vestfold og Telemark", null, 0.045, DirectionScheme.InboundOutbound, "VOT:Line:", false,
            ["Vy", "Telemark_Bilruter"],
            [
                new("Tønsberg", 59.2675, 10.4076, "3905", "Tønsberg bussterminal", 0, 130, 0.5),
                new("Skien", 59.2096, 9.6090, "4003", "Skien trafikkterminal", 0, 180, 0.5),
            ]),
        new("TRO", "Troms fylkestrafikk", null, 0.03, DirectionScheme.Numbered, "TRO:Line:", false,
            ["Tromsbuss"],
            [new("Tromsø", 69.6492, 18.9553, "5501", "Fredrik Langes gate", 180, 70, 1)]),
        new("BRA", "Brakar", null, 0.045, DirectionScheme.InboundOutbound, "BRA:Line:", false,
            ["Vy", "Nobina"],
            [new("Drammen", 59.7439, 10.2045, "3301", "Bragernes torg", 0, 180, 1)]),
        new("MOR", "FRAM", "Møre og Romsdal fylkeskommune", 0.03, DirectionScheme.InboundOutbound, "MOR:Line:", false,
            ["Vy", "Boreal", "Tide"],
            [
                new("Ålesund", 62.4722, 6.1495, "1508", "Ålesund rutebilstasjon", 90, 70, 0.6),
                new("Molde", 62.7375, 7.1591, "1506", "Molde trafikkterminal", 0, 100, 0.4),
            ]),
        new("OST", "Østfold kollektivtrafikk", null, 0.045, DirectionScheme.InboundOutbound, "OST:Line:", false,
            ["Vy", "Nobina"],
            [
                new("Fredrikstad", 59.2181, 10.9298, "3107", "Fredrikstad bussterminal", 45, 130, 0.55),
                new("Sarpsborg", 59.2839, 11.1097, "3105", "Sarpsborg bussterminal", 0, 180, 0.45),
            ]),
        new("NOR", "Nordland fylkeskommune", null, 0.02, DirectionScheme.Numbered, "NOR:Line:", false,
            ["Boreal", "Torghatten"],
            [new("Bodø", 67.2804, 14.4049, "1804", "Bodø sentrumsterminal", 100, 60, 1)]),
        // Vy's trains (Entur's data source VYG): the few lines of RailNetwork between the towns above; each station is its own "city".
        new("VYG", "Vy", null, 0.03, DirectionScheme.InboundOutbound, "VYG:Line:", false,
            ["VY"], RailNetwork.Stations, Rail: true),
    ];
}
