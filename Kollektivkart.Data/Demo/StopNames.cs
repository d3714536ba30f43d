namespace Kollektivkart.Data.Demo;

/// <summary>
/// Names unique within a town. Central stops take names every town has (Sentrum, Torget, ...), so as
/// in the real registry one name exists in several towns under different stop place ids.
/// </summary>
internal sealed class StopNames(Random random)
{
    private static readonly string[] CommonInTown =
    [
        "Sentrum", "Torget", "Kirkegata", "Storgata", "Rådhuset", "Sykehuset", "Skolen", "Stasjonen",
        "Kirken", "Idrettsparken", "Biblioteket", "Kulturhuset", "Rådhusplassen", "Brannstasjonen",
        "Kongens gate", "Dronningens gate", "Parkveien", "Skolegata", "Kirkeveien", "Jernbanegata",
    ];

    private static readonly string[] Roots =
    [
        "Bjørke", "Furu", "Eike", "Lønne", "Gran", "Sol", "Haug", "Berg", "Fjell", "Skog", "Dal", "Mølle",
        "Sag", "Smie", "Havne", "Strand", "Sjø", "Elve", "Bekke", "Myr", "Åker", "Eng", "Rogne", "Hassel",
        "Selje", "Vide", "Lerke", "Trost", "Rype", "Hjorte", "Ulve", "Bjørne", "Reve", "Kongs", "Prest",
        "Lensmann", "Kvern", "Stein", "Kampe", "Hall", "Rosen", "Blåbær", "Tytte", "Løvå", "Ny", "Gamle",
        "Nord", "Sør", "Øst", "Vest", "Kalk", "Teigl", "Fager", "Grønn", "Lang", "Brå", "Mo", "Sand",
    ];

    private static readonly string[] PlaceEndings =
    [
        "rud", "stad", "heim", "vik", "nes", "by", "set", "sand", "holm", "dal", "li", "ås", "berg",
        "bø", "land", "torp", "moen", "haugen", "lia", "åsen", "jordet", "hagen", "tangen", "myra",
    ];

    private static readonly string[] StreetEndings =
    [
        "veien", "gata", "bakken", "vegen", "stien", "svingen", "kroken", "sletta", "tunet", "lia", "haugen",
    ];

    private static readonly string[] Institutions =
    [
        "skole", "kirke", "stasjon", "senter", "gård", "sykehjem", "idrettspark", "torg", "bru", "kryss",
        "terrasse", "allé", "park", "brygge", "ungdomsskole", "kirkegård",
    ];

    private static readonly string[] Qualifiers = ["Nedre", "Øvre", "Nordre", "Søndre", "Vestre", "Østre"];

    private readonly Dictionary<City, TownNames> _towns = [];

    public string Next(City city, bool central)
    {
        if (!_towns.TryGetValue(city, out var town))
        {
            town = new TownNames(CommonInTown.OrderBy(_ => random.Next()).ToList());
            _towns.Add(city, town);
        }
        if (central && town.CommonLeft.Count > 0)
        {
            var common = town.CommonLeft[^1];
            town.CommonLeft.RemoveAt(town.CommonLeft.Count - 1);
            town.Used.Add(common);
            return common;
        }
        for (var attempt = 0; ; attempt++)
        {
            var name = Compose();
            if (attempt > 40)
            {
                name += " " + (attempt - 39).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (town.Used.Add(name))
            {
                return name;
            }
        }
    }

    private string Compose()
    {
        var kind = random.NextDouble();
        var place = Pick(Roots) + Pick(PlaceEndings);
        return kind switch
        {
            < 0.35 => place,
            < 0.65 => Pick(Roots) + Pick(StreetEndings),
            < 0.85 => place + " " + Pick(Institutions),
            _ => Pick(Qualifiers) + " " + place,
        };
    }

    private string Pick(string[] words) => words[random.Next(words.Length)];

    private sealed record TownNames(List<string> CommonLeft)
    {
        public HashSet<string> Used { get; } = new(StringComparer.Ordinal);
    }
}
