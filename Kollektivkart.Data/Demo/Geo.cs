namespace Kollektivkart.Data.Demo;

/// <summary>Positions on the Earth's surface, spherical (good to well under 1 % at town scale).</summary>
internal readonly record struct Position(double Latitude, double Longitude)
{
    private const double EarthRadiusMeters = 6_371_000;

    public double MetersTo(Position other)
    {
        var lat1 = Radians(Latitude);
        var lat2 = Radians(other.Latitude);
        var dLat = lat2 - lat1;
        var dLon = Radians(other.Longitude - Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public Position Move(double bearingDegrees, double meters)
    {
        var bearing = Radians(bearingDegrees);
        var north = meters * Math.Cos(bearing);
        var east = meters * Math.Sin(bearing);
        var latitude = Latitude + north / EarthRadiusMeters * 180 / Math.PI;
        var longitude = Longitude + east / (EarthRadiusMeters * Math.Cos(Radians(Latitude))) * 180 / Math.PI;
        return new Position(latitude, longitude);
    }

    public double BearingTo(Position other)
    {
        var north = (other.Latitude - Latitude) * Math.PI / 180 * EarthRadiusMeters;
        var east = (other.Longitude - Longitude) * Math.PI / 180 * EarthRadiusMeters * Math.Cos(Radians(Latitude));
        return (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
