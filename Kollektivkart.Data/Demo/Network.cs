using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Data.Demo;

/// <summary>Stop places, quays, lines with a route per direction, and stretches; depends only on the seed and the scale.</summary>
internal sealed class Network
{
    public required IReadOnlyList<DataSourceOperator> Operators { get; init; }
    public required IReadOnlyList<StopPlace> StopPlaces { get; init; }
    public required IReadOnlyList<Quay> Quays { get; init; }
    public required IReadOnlyList<Line> Lines { get; init; }
    public required IReadOnlyList<Stretch> Stretches { get; init; }
}

internal sealed class StopPlace
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required City City { get; init; }
    public required Position Position { get; init; }

    /// <summary>A few stop places in the registry lack coordinates; their quays' positions are used instead.</summary>
    public required bool HasCoordinates { get; init; }

    public required double MetersFromHub { get; init; }
    public required int Version { get; init; }
    public required DateOnly ValidFrom { get; init; }
    public required string? AlternativeName { get; init; }
    public required int TariffZone { get; init; }

    /// <summary>The registry's transportMode: "bus", or "rail" for a railway station.</summary>
    public string TransportMode { get; init; } = "bus";

    public List<Quay> Quays { get; } = [];
}

internal sealed class Quay
{
    public required int Number { get; init; }
    public required string Id { get; init; }
    public required StopPlace StopPlace { get; init; }
    public required Position Position { get; init; }
    public required string PublicCode { get; init; }
    public required bool Named { get; init; }
    public required int Version { get; init; }

    public string UnknownId { get; set; } = "";
}

internal sealed class Stretch
{
    public required int Index { get; init; }
    public required StopPlace From { get; init; }
    public required StopPlace To { get; init; }

    public required bool Central { get; init; }

    public double Bottleneck { get; set; }
}

internal sealed class Line
{
    public required DataSourceOperator Operator { get; init; }
    public required City City { get; init; }
    public required string Ref { get; init; }

    public required string Number { get; init; }

    public required string OperatorRef { get; init; }
    public required ServiceLevel Level { get; init; }

    /// <summary>Lines whose operator relabels the directions on some days (swapped, or the other scheme).</summary>
    public bool RelabelledSomeDays { get; set; }

    public int RelabelPhase { get; set; }
    public Route[] Directions { get; } = new Route[2];

    public string DirectionRef(int direction, int dayNumber)
    {
        var variant = RelabelledSomeDays ? (dayNumber + RelabelPhase) % 3 : 0;
        var scheme = variant == 2 ? Operator.Directions.Other : Operator.Directions;
        return (direction == 0) == (variant != 1) ? scheme.First : scheme.Second;
    }
}

internal sealed class Route
{
    public required Line Line { get; init; }
    public required int Direction { get; init; }
    public required Quay[] Quays { get; init; }
    public required Stretch[] Stretches { get; init; }

    public required double[] DrivingSeconds { get; init; }

    public required int[][] PlannedOffsets { get; init; }

    public required string OriginName { get; init; }
    public required string DestinationName { get; init; }

    /// <summary>Departures in seconds after local midnight of the operating day, per <see cref="DayType"/>.</summary>
    public required int[][] Departures { get; init; }

    public required string[] JourneyIdPrefixes { get; init; }
}
