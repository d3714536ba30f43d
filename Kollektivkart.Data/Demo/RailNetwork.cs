namespace Kollektivkart.Data.Demo;

/// <summary>
/// Vy's regional trains between the demo's towns: real stations at their real places, few stops far apart,
/// so stretches take 5-25 minutes. A station is a <see cref="City"/> of its own (its HubName is the station's name).
/// </summary>
internal static class RailNetwork
{
    private static City Station(string name, double latitude, double longitude, string municipality) =>
        new(name, latitude, longitude, municipality, name, 0, 180, 1);

    private static readonly City OsloS = Station("Oslo S", 59.9109, 10.7536, "0301");
    private static readonly City Sandvika = Station("Sandvika stasjon", 59.8917, 10.5244, "3201");
    private static readonly City Asker = Station("Asker stasjon", 59.8332, 10.4347, "3203");
    private static readonly City Drammen = Station("Drammen stasjon", 59.7402, 10.2039, "3301");
    private static readonly City Holmestrand = Station("Holmestrand stasjon", 59.4894, 10.3111, "3903");
    private static readonly City Tonsberg = Station("Tønsberg stasjon", 59.2686, 10.4067, "3905");
    private static readonly City Sandefjord = Station("Sandefjord stasjon", 59.1293, 10.2197, "3907");
    private static readonly City Larvik = Station("Larvik stasjon", 59.0531, 10.0286, "3909");
    private static readonly City Porsgrunn = Station("Porsgrunn stasjon", 59.1397, 9.6555, "4001");
    private static readonly City Skien = Station("Skien stasjon", 59.2100, 9.6080, "4003");
    private static readonly City Lillestrom = Station("Lillestrøm stasjon", 59.9527, 11.0451, "3205");
    private static readonly City Gardermoen = Station("Oslo lufthavn stasjon", 60.1933, 11.0977, "3209");
    private static readonly City Eidsvoll = Station("Eidsvoll stasjon", 60.3268, 11.2606, "3240");
    private static readonly City Tangen = Station("Tangen stasjon", 60.6161, 11.2724, "3413");
    private static readonly City Stange = Station("Stange stasjon", 60.7154, 11.1904, "3413");
    private static readonly City Hamar = Station("Hamar stasjon", 60.7930, 11.0782, "3403");
    private static readonly City Brumunddal = Station("Brumunddal stasjon", 60.8806, 10.9397, "3411");
    private static readonly City Moelv = Station("Moelv stasjon", 60.9316, 10.6982, "3411");
    private static readonly City Lillehammer = Station("Lillehammer stasjon", 61.1148, 10.4624, "3405");
    private static readonly City Ski = Station("Ski stasjon", 59.7191, 10.8356, "3207");
    private static readonly City Moss = Station("Moss stasjon", 59.4320, 10.6580, "3103");
    private static readonly City Fredrikstad = Station("Fredrikstad stasjon", 59.2086, 10.9503, "3107");
    private static readonly City Sarpsborg = Station("Sarpsborg stasjon", 59.2832, 11.1118, "3105");
    private static readonly City Halden = Station("Halden stasjon", 59.1227, 11.3866, "3101");
    private static readonly City Bergen = Station("Bergen stasjon", 60.3903, 5.3326, "4601");
    private static readonly City Arna = Station("Arna stasjon", 60.4197, 5.4660, "4601");
    private static readonly City Vaksdal = Station("Vaksdal stasjon", 60.4783, 5.7353, "4628");
    private static readonly City Dale = Station("Dale stasjon", 60.5879, 5.8197, "4628");
    private static readonly City Voss = Station("Voss stasjon", 60.6288, 6.4120, "4621");
    private static readonly City TrondheimS = Station("Trondheim S", 63.4365, 10.3990, "5001");
    private static readonly City Hommelvik = Station("Hommelvik stasjon", 63.4118, 10.7947, "5031");
    private static readonly City Stjordal = Station("Stjørdal stasjon", 63.4684, 10.9189, "5035");
    private static readonly City Levanger = Station("Levanger stasjon", 63.7468, 11.2996, "5037");
    private static readonly City Verdal = Station("Verdal stasjon", 63.7925, 11.4818, "5038");
    private static readonly City Steinkjer = Station("Steinkjer stasjon", 64.0135, 11.4956, "5006");

    /// <summary>The lines in the order they are added: a small scale gets only the first (data-model.md 9's final arrivals need one).</summary>
    public static readonly IReadOnlyList<(string Number, City[] Stations)> Lines =
    [
        ("R10", [Drammen, Asker, Sandvika, OsloS, Lillestrom, Gardermoen, Eidsvoll, Tangen, Stange, Hamar, Brumunddal, Moelv, Lillehammer]),
        ("R11", [Skien, Porsgrunn, Larvik, Sandefjord, Tonsberg, Holmestrand, Drammen, Asker, Sandvika, OsloS, Lillestrom, Gardermoen, Eidsvoll]),
        ("L4", [Bergen, Arna, Vaksdal, Dale, Voss]),
        ("R70", [TrondheimS, Hommelvik, Stjordal, Levanger, Verdal, Steinkjer]),
        ("R20", [OsloS, Ski, Moss, Fredrikstad, Sarpsborg, Halden]),
    ];

    public static readonly IReadOnlyList<City> Stations = Lines.SelectMany(l => l.Stations).Distinct().ToList();

    /// <summary>Platforms (quays) per station: the big ones have more.</summary>
    public static int Platforms(City station) => station == OsloS ? 4 : station == Bergen || station == TrondheimS || station == Drammen ? 3 : 2;
}
