namespace Kollektivkart.Data.Tests.Support;

/// <summary>
/// Positions for hand-built stops, computed here independently of legs.sql: a sphere of the
/// mean Earth radius, so a stop <see cref="NorthOf"/> another by d metres is d metres away.
/// </summary>
public static class Geo
{
    public const double MeanEarthRadius = 6371008.8;

    public const double OsloLat = 59.9111;
    public const double OsloLon = 10.7528;

    /// <summary>The latitude <paramref name="meters"/> north of <paramref name="lat"/> along a meridian.</summary>
    public static double NorthOf(double lat, double meters) => lat + meters / MeanEarthRadius * 180 / Math.PI;

    public static double HaversineMeters(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2)
            + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * MeanEarthRadius * Math.Asin(Math.Sqrt(h));
    }
}
