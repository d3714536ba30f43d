using System.Globalization;
using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Data.Demo;

/// <summary>
/// Lines follow radial corridors out of a town's hub before branching off, so stretches near the centre are
/// shared and busy. Lines are added until the operator's share of the weekday calls at the scale is reached.
/// </summary>
internal sealed class NetworkBuilder
{
    public const double WeekdayCallsAtScaleOne = 1_500_000;

    private const double SnapMeters = 120;
    private const double GridDegrees = 0.005;

    private readonly Random _random;
    private readonly StopNames _names;
    private readonly List<StopPlace> _stopPlaces = [];
    private readonly List<Quay> _quays = [];
    private readonly List<Line> _lines = [];
    private readonly List<Stretch> _stretches = [];
    private readonly Dictionary<(StopPlace, StopPlace), Stretch> _stretchByStops = [];
    private int _stopPlaceNumber;
    private int _quayNumber;

    private NetworkBuilder(int seed)
    {
        _random = Seeds.For(seed, Seeds.Network);
        _names = new StopNames(_random);
        _stopPlaceNumber = _random.Next(1000, 3000);
        _quayNumber = _random.Next(1000, 5000);
    }

    public static Network Build(int seed, double scale)
    {
        var builder = new NetworkBuilder(seed);
        var carry = 0.0;
        foreach (var op in Operators.All.Where(op => !op.Rail))
        {
            carry = builder.AddOperator(op, WeekdayCallsAtScaleOne * scale * op.Share + carry);
        }
        // After the buses, so that their network is the same as before there were trains.
        foreach (var op in Operators.All.Where(op => op.Rail))
        {
            builder.AddRail(op, WeekdayCallsAtScaleOne * scale * op.Share);
        }
        return builder.Finish();
    }

    /// <summary>Adds lines while they bring the operator closer to its target; returns what is left over (or beyond).</summary>
    private double AddOperator(DataSourceOperator op, double targetCalls)
    {
        var towns = op.Cities.Select(city => new Town(city)).ToList();
        var timetableIds = new HashSet<int>();
        var number = op.Code == "RUT" ? 19 : 0;
        var calls = 0.0;
        var lines = 0;
        while (true)
        {
            var town = towns.MinBy(t => (t.Lines.Count + 1) / t.City.Weight)!;
            var level = FirstLevel(op, town);
            var stops = StopCount(level);
            while (lines > 0 && calls + WeekdayCalls(level, stops) / 2 > targetCalls && level < ServiceLevel.Rural)
            {
                level++;
            }
            if (lines > 0 && calls + WeekdayCalls(level, stops) / 2 > targetCalls)
            {
                break;
            }
            if (town.Lines.Count == 0)
            {
                LayOutTown(op, town);
            }
            number += _random.Next(1, 4);
            var label = number.ToString(CultureInfo.InvariantCulture);
            var line = AddLine(op, town, level, label, LayOut(town, stops), timetableIds);
            line.RelabelledSomeDays = _random.NextDouble() < 0.08;
            line.RelabelPhase = _random.Next(3);
            calls += WeekdayCalls(line);
            lines++;
        }
        if (op.RunsNightLines)
        {
            var main = towns[0];
            var trunks = main.Lines.Where(l => l.Level == ServiceLevel.Trunk).ToList();
            foreach (var trunk in trunks.Take(Math.Max(1, trunks.Count / 4)))
            {
                var stops = trunk.Directions[0].Quays.Select(q => q.StopPlace).ToList();
                var night = AddLine(op, main, ServiceLevel.Night, "N" + trunk.Number, stops, timetableIds);
                calls += WeekdayCalls(night);
            }
        }
        return targetCalls - calls;
    }

    private Network Finish()
    {
        if (!_lines.Any(l => l.RelabelledSomeDays))
        {
            _lines[0].RelabelledSomeDays = true;
        }
        var unknownFrom = _quayNumber + 1000;
        for (var i = 0; i < _quays.Count; i++)
        {
            _quays[i].UnknownId = "NSR:Quay:" + (unknownFrom + i).ToString(CultureInfo.InvariantCulture);
        }
        return new Network
        {
            Operators = Operators.All,
            StopPlaces = _stopPlaces,
            Quays = _quays,
            Lines = _lines,
            Stretches = _stretches,
        };
    }

    private ServiceLevel FirstLevel(DataSourceOperator op, Town town)
    {
        var big = op.Share >= 0.07;
        if (town.Lines.Count == 0)
        {
            return big ? ServiceLevel.Trunk : ServiceLevel.Major;
        }
        var r = _random.NextDouble();
        return big
            ? r switch { < 0.22 => ServiceLevel.Trunk, < 0.55 => ServiceLevel.Major, < 0.85 => ServiceLevel.Minor, _ => ServiceLevel.Rural }
            : r switch { < 0.06 => ServiceLevel.Trunk, < 0.40 => ServiceLevel.Major, < 0.80 => ServiceLevel.Minor, _ => ServiceLevel.Rural };
    }

    private int StopCount(ServiceLevel level) => level switch
    {
        ServiceLevel.Trunk => _random.Next(18, 31),
        ServiceLevel.Major => _random.Next(14, 27),
        ServiceLevel.Minor => _random.Next(10, 21),
        _ => _random.Next(8, 17),
    };

    private static double WeekdayCalls(ServiceLevel level, int stops) =>
        2.0 * Timetable.CountDepartures(level, DayType.Weekday) * stops;

    private static double WeekdayCalls(Line line) =>
        line.Directions.Sum(r => (double)r.Departures[(int)DayType.Weekday].Length * r.Quays.Length);

    private List<StopPlace> LayOut(Town town, int stops)
    {
        var used = new HashSet<StopPlace> { town.Hub };
        if (_random.NextDouble() < 0.3)
        {
            var (arm, _) = Arm(town, stops - 1, -1, used);
            return [town.Hub, .. arm];
        }
        var first = Math.Clamp((stops - 1) / 2 + _random.Next(-2, 3), 3, stops - 4);
        var (armA, corridor) = Arm(town, first, -1, used);
        var (armB, _) = Arm(town, stops - 1 - first, corridor, used);
        armA.Reverse();
        return [.. armA, town.Hub, .. armB];
    }

    private (List<StopPlace> Stops, int Corridor) Arm(Town town, int count, int otherCorridor, HashSet<StopPlace> used)
    {
        int corridorIndex;
        do
        {
            corridorIndex = _random.Next(town.Corridors.Count);
        }
        while (corridorIndex == otherCorridor && town.Corridors.Count > 1);
        var corridor = town.Corridors[corridorIndex];
        var along = _random.Next(1, Math.Min(count, corridor.Points.Count) + 1);
        var positions = corridor.Points.Take(along).ToList();
        var position = positions[^1];
        var bearing = corridor.Bearing + (_random.NextDouble() * 70 - 35);
        while (positions.Count < count)
        {
            var fromHub = position.MetersTo(town.Hub.Position);
            var spacing = fromHub switch
            {
                < 2000 => 300 + _random.NextDouble() * 300,
                < 6000 => 450 + _random.NextDouble() * 450,
                _ => 600 + _random.NextDouble() * 900,
            };
            bearing = OnLand(town.City, bearing + (_random.NextDouble() * 50 - 25));
            position = position.Move(bearing, spacing);
            positions.Add(position);
        }
        var stops = new List<StopPlace>(count);
        foreach (var p in positions)
        {
            var stop = StopAt(town, p, used);
            used.Add(stop);
            stops.Add(stop);
        }
        return (stops, corridorIndex);
    }

    private static double OnLand(City city, double bearing)
    {
        if (city.LandHalfWidth >= 180)
        {
            return bearing;
        }
        var off = ((bearing - city.LandBearing) % 360 + 540) % 360 - 180;
        return city.LandBearing + Math.Clamp(off, -city.LandHalfWidth, city.LandHalfWidth);
    }

    /// <summary>Made when a town gets its first line, so that no town is a lone hub.</summary>
    private void LayOutTown(DataSourceOperator op, Town town)
    {
        var city = town.City;
        var hubPosition = new Position(city.Latitude, city.Longitude);
        town.Hub = NewStopPlace(town, hubPosition, hub: true);
        var corridors = op.Share >= 0.1 ? 8 : op.Share >= 0.05 ? 6 : 5;
        var sector = Math.Min(city.LandHalfWidth, 180) * 2;
        for (var j = 0; j < corridors; j++)
        {
            var bearing = city.LandBearing - sector / 2 + (j + 0.5) * sector / corridors + (_random.NextDouble() * 16 - 8);
            var points = new List<Position>();
            var position = hubPosition.Move(bearing, 350 + _random.NextDouble() * 200);
            points.Add(position);
            for (var k = 0; k < 9; k++)
            {
                position = position.Move(OnLand(city, bearing + (_random.NextDouble() * 24 - 12)), 300 + _random.NextDouble() * 250);
                points.Add(position);
            }
            town.Corridors.Add(new Corridor(bearing, points));
        }
    }

    private StopPlace StopAt(Town town, Position position, HashSet<StopPlace> used)
    {
        var (row, column) = Cell(position);
        for (var r = row - 1; r <= row + 1; r++)
        {
            for (var c = column - 1; c <= column + 1; c++)
            {
                if (!town.Grid.TryGetValue((r, c), out var nearby))
                {
                    continue;
                }
                foreach (var stop in nearby)
                {
                    if (!used.Contains(stop) && stop.Position.MetersTo(position) < SnapMeters)
                    {
                        return stop;
                    }
                }
            }
        }
        return NewStopPlace(town, position, hub: false);
    }

    private static (long Row, long Column) Cell(Position p) =>
        ((long)Math.Floor(p.Latitude / GridDegrees), (long)Math.Floor(p.Longitude / GridDegrees));

    private StopPlace NewStopPlace(Town town, Position position, bool hub)
    {
        _stopPlaceNumber += _random.Next(1, 40);
        var fromHub = hub ? 0 : position.MetersTo(new Position(town.City.Latitude, town.City.Longitude));
        var name = hub ? town.City.HubName : _names.Next(town.City, central: fromHub < 1500);
        var stop = new StopPlace
        {
            Id = "NSR:StopPlace:" + _stopPlaceNumber.ToString(CultureInfo.InvariantCulture),
            Name = name,
            City = town.City,
            Position = position,
            HasCoordinates = hub || _random.NextDouble() >= 0.015,
            MetersFromHub = fromHub,
            Version = _random.Next(1, 16),
            ValidFrom = new DateOnly(2016, 1, 1).AddDays(_random.Next(0, 8 * 365)),
            AlternativeName = _random.NextDouble() < 0.05 ? name + " (" + town.City.Name + ")" : null,
            TariffZone = fromHub < 5000 ? 1 : fromHub < 12000 ? 2 : 3,
        };
        var quays = hub ? 4 : fromHub < 1500 ? _random.Next(2, 4) : _random.NextDouble() switch { < 0.15 => 1, < 0.95 => 2, _ => 3 };
        for (var q = 0; q < quays; q++)
        {
            _quayNumber += _random.Next(1, 12);
            var quay = new Quay
            {
                Number = _quayNumber,
                Id = "NSR:Quay:" + _quayNumber.ToString(CultureInfo.InvariantCulture),
                StopPlace = stop,
                Position = position.Move(_random.NextDouble() * 360, 8 + _random.NextDouble() * 27),
                PublicCode = quays >= 3 ? ((char)('A' + q)).ToString() : (q + 1).ToString(CultureInfo.InvariantCulture),
                Named = _random.NextDouble() < 0.3,
                Version = _random.Next(1, 10),
            };
            stop.Quays.Add(quay);
            _quays.Add(quay);
        }
        _stopPlaces.Add(stop);
        var cell = Cell(position);
        if (!town.Grid.TryGetValue(cell, out var list))
        {
            town.Grid[cell] = list = [];
        }
        list.Add(stop);
        return stop;
    }

    private Line AddLine(DataSourceOperator op, Town town, ServiceLevel level, string number, List<StopPlace> stops, HashSet<int> timetableIds)
    {
        var line = new Line
        {
            Operator = op,
            City = town.City,
            Ref = op.LineRefPrefix + number,
            Number = number,
            OperatorRef = op.OperatorRef(op.Companies[_random.Next(op.Companies.Count)]),
            Level = level,
        };
        for (var direction = 0; direction < 2; direction++)
        {
            var sequence = direction == 0 ? stops : Enumerable.Reverse(stops).ToList();
            line.Directions[direction] = NewRoute(line, direction, sequence, town, timetableIds);
        }
        town.Lines.Add(line);
        _lines.Add(line);
        return line;
    }

    private Route NewRoute(Line line, int direction, List<StopPlace> stops, Town town, HashSet<int> timetableIds)
    {
        var quays = stops
            .Select(s => s.Quays[(direction + (s == town.Hub ? town.Lines.Count : 0)) % s.Quays.Count])
            .ToArray();
        var stretches = new Stretch[stops.Count - 1];
        var driving = new double[stops.Count - 1];
        for (var i = 0; i < stretches.Length; i++)
        {
            stretches[i] = StretchBetween(stops[i], stops[i + 1]);
            var meters = stops[i].Position.MetersTo(stops[i + 1].Position);
            driving[i] = Timetable.DrivingSeconds(meters, (stops[i].MetersFromHub + stops[i + 1].MetersFromHub) / 2);
        }
        var (departures, prefixes) = Timetables(line, timetableIds);
        return new Route
        {
            Line = line,
            Direction = direction,
            Quays = quays,
            Stretches = stretches,
            DrivingSeconds = driving,
            PlannedOffsets = Timetable.PlannedOffsets(driving),
            OriginName = stops[0].Name,
            DestinationName = stops[^1].Name,
            Departures = departures,
            JourneyIdPrefixes = prefixes,
        };
    }

    /// <summary>A route's departures and journey id prefix per day type.</summary>
    private (int[][] Departures, string[] Prefixes) Timetables(Line line, HashSet<int> timetableIds)
    {
        var departures = new int[Timetable.DayTypes][];
        var prefixes = new string[Timetable.DayTypes];
        for (var dayType = 0; dayType < Timetable.DayTypes; dayType++)
        {
            departures[dayType] = Timetable.Departures(line.Level, (DayType)dayType, _random.NextDouble());
            int id;
            do
            {
                id = _random.Next(100000, 1000000);
            }
            while (!timetableIds.Add(id));
            prefixes[dayType] = string.Create(CultureInfo.InvariantCulture, $"{line.Operator.Code}:ServiceJourney:{line.Number}-{id:D6}-");
        }
        return (departures, prefixes);
    }

    /// <summary>Adds the lines of <see cref="RailNetwork"/> in order while they bring the operator closer to its target; at least one.</summary>
    private void AddRail(DataSourceOperator op, double targetCalls)
    {
        var stations = new Dictionary<City, StopPlace>();
        var timetableIds = new HashSet<int>();
        var calls = 0.0;
        var lines = 0;
        foreach (var (number, cities) in RailNetwork.Lines)
        {
            var lineCalls = 2.0 * Timetable.CountDepartures(ServiceLevel.Rail, DayType.Weekday) * cities.Length;
            if (lines > 0 && calls + lineCalls / 2 > targetCalls)
            {
                break;
            }
            var stops = cities.Select(city => stations.TryGetValue(city, out var station) ? station : stations[city] = NewStation(city)).ToList();
            var line = new Line
            {
                Operator = op,
                City = cities[0],
                Ref = op.LineRefPrefix + number,
                Number = number,
                OperatorRef = op.OperatorRef(op.Companies[0]),
                Level = ServiceLevel.Rail,
            };
            for (var direction = 0; direction < 2; direction++)
            {
                var sequence = direction == 0 ? stops : Enumerable.Reverse(stops).ToList();
                // Lines through a station use different platforms, one per direction.
                var quays = sequence.Select(s => s.Quays[(direction + 2 * lines) % s.Quays.Count]).ToArray();
                var stretches = new Stretch[sequence.Count - 1];
                var running = new double[sequence.Count - 1];
                for (var i = 0; i < stretches.Length; i++)
                {
                    stretches[i] = StretchBetween(sequence[i], sequence[i + 1]);
                    running[i] = Timetable.RailRunningSeconds(sequence[i].Position.MetersTo(sequence[i + 1].Position));
                }
                var (departures, prefixes) = Timetables(line, timetableIds);
                line.Directions[direction] = new Route
                {
                    Line = line,
                    Direction = direction,
                    Quays = quays,
                    Stretches = stretches,
                    DrivingSeconds = running,
                    PlannedOffsets = Timetable.RailPlannedOffsets(running),
                    OriginName = sequence[0].Name,
                    DestinationName = sequence[^1].Name,
                    Departures = departures,
                    JourneyIdPrefixes = prefixes,
                };
            }
            _lines.Add(line);
            calls += WeekdayCalls(line);
            lines++;
        }
    }

    private StopPlace NewStation(City city)
    {
        _stopPlaceNumber += _random.Next(1, 40);
        var station = new StopPlace
        {
            Id = "NSR:StopPlace:" + _stopPlaceNumber.ToString(CultureInfo.InvariantCulture),
            Name = city.HubName,
            City = city,
            Position = new Position(city.Latitude, city.Longitude),
            HasCoordinates = true,
            // Far from any bus hub: a station's stretches are never the town centre's.
            MetersFromHub = 10_000,
            Version = _random.Next(1, 16),
            ValidFrom = new DateOnly(2016, 1, 1).AddDays(_random.Next(0, 8 * 365)),
            AlternativeName = null,
            TariffZone = 1,
            TransportMode = "rail",
        };
        var platforms = RailNetwork.Platforms(city);
        for (var q = 0; q < platforms; q++)
        {
            _quayNumber += _random.Next(1, 12);
            var quay = new Quay
            {
                Number = _quayNumber,
                Id = "NSR:Quay:" + _quayNumber.ToString(CultureInfo.InvariantCulture),
                StopPlace = station,
                Position = station.Position.Move(90 + q * 2, 10 + q * 6),
                PublicCode = (q + 1).ToString(CultureInfo.InvariantCulture),
                Named = false,
                Version = _random.Next(1, 10),
            };
            station.Quays.Add(quay);
            _quays.Add(quay);
        }
        _stopPlaces.Add(station);
        return station;
    }

    private Stretch StretchBetween(StopPlace from, StopPlace to)
    {
        if (_stretchByStops.TryGetValue((from, to), out var existing))
        {
            return existing;
        }
        var central = from.MetersFromHub < 2500 && to.MetersFromHub < 2500;
        var stretch = new Stretch { Index = _stretches.Count, From = from, To = to, Central = central };
        if (_random.NextDouble() < (central ? 0.10 : 0.04))
        {
            stretch.Bottleneck = 60 + _random.NextDouble() * 140;
        }
        _stretches.Add(stretch);
        _stretchByStops.Add((from, to), stretch);
        return stretch;
    }

    private sealed class Town(City city)
    {
        public City City { get; } = city;
        public StopPlace Hub { get; set; } = null!;
        public List<Corridor> Corridors { get; } = [];
        public List<Line> Lines { get; } = [];
        public Dictionary<(long, long), List<StopPlace>> Grid { get; } = [];
    }

    private sealed record Corridor(double Bearing, List<Position> Points);
}
