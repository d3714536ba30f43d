using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Data.Demo;

internal enum ServiceLevel { Trunk, Major, Minor, Rural, Night, Rail }

/// <summary>Which planned running times a journey gets: timetables allow more time in rush hours.</summary>
internal enum Pace { Normal, Rush, Night }

internal static class Timetable
{
    public const int DayTypes = 3;
    public const int Paces = 3;

    /// <summary>Dwell the timetable allows per call; actual dwell is 0-60 s around it.</summary>
    public const double PlannedDwellSeconds = 20;

    /// <summary>A train's dwell at a station; its actual dwell is 30-90 s.</summary>
    public const double RailDwellSeconds = 60;

    /// <summary>Rail timetables allow this much more than the running time, so a late train wins some of it back.</summary>
    public const double RailPadding = 0.03;

    private static readonly double[] PaceFactors = [1.0, 1.12, 0.85];

    // (from hour, headway minutes) bands; a headway of 0 ends the service. Hours past 24 belong to the same operating day.
    private static readonly (double From, double Headway)[][][] Bands =
    [
        [ // Trunk
            [(5, 15), (6, 10), (7, 7.5), (9, 10), (15, 7.5), (17, 10), (19, 15), (23, 30), (24.51, 0)],
            [(6, 20), (8, 15), (10, 10), (18, 15), (23, 30), (24.51, 0)],
            [(7, 30), (9, 15), (11, 10), (19, 15), (23, 30), (24.51, 0)],
        ],
        [ // Major
            [(5.5, 30), (6, 15), (7, 10), (9, 15), (15, 10), (17, 15), (19, 30), (23, 60), (24.01, 0)],
            [(6.5, 30), (9, 20), (18, 30), (24.01, 0)],
            [(8, 30), (20, 60), (24.01, 0)],
        ],
        [ // Minor
            [(6, 30), (7, 15), (9, 30), (15, 15), (17, 30), (19, 60), (23.01, 0)],
            [(7, 60), (10, 30), (17, 60), (23.01, 0)],
            [(9, 60), (22.01, 0)],
        ],
        [ // Rural
            [(6, 60), (7, 30), (9, 60), (15, 30), (17, 60), (22.01, 0)],
            [(8, 120), (20.01, 0)],
            [(10, 120), (18.01, 0)],
        ],
        [ // Night, every night so that every hour of a weekday has service
            [(0.25, 30), (4.76, 0)],
            [(0.25, 30), (4.76, 0)],
            [(0.25, 30), (4.76, 0)],
        ],
        [ // Rail: hourly, half-hourly in the weekday rush
            [(5.5, 60), (6, 30), (9, 60), (15, 30), (18, 60), (24.01, 0)],
            [(6.5, 60), (24.01, 0)],
            [(7.5, 60), (24.01, 0)],
        ],
    ];

    /// <summary>A public holiday runs the Sunday timetable, as in real life.</summary>
    public static DayType DayTypeOf(DateOnly day) => NorwegianCalendar.DayTypeOf(day);

    /// <summary>Departure times (seconds after local midnight, whole minutes); <paramref name="phase"/> in [0, 1) shifts the first one.</summary>
    public static int[] Departures(ServiceLevel level, DayType dayType, double phase)
    {
        var bands = Bands[(int)level][(int)dayType];
        var departures = new List<int>();
        var minutes = bands[0].From * 60 + phase * bands[0].Headway;
        var end = bands[^1].From * 60;
        while (minutes < end)
        {
            var departure = (int)Math.Round(minutes) * 60;
            if (departures.Count == 0 || departure > departures[^1])
            {
                departures.Add(departure);
            }
            minutes += HeadwayAt(bands, minutes);
        }
        return departures.ToArray();
    }

    public static int CountDepartures(ServiceLevel level, DayType dayType) => Departures(level, dayType, 0.5).Length;

    private static double HeadwayAt((double From, double Headway)[] bands, double minutes)
    {
        var headway = bands[0].Headway;
        foreach (var (from, h) in bands)
        {
            if (minutes < from * 60)
            {
                break;
            }
            headway = h;
        }
        return headway > 0 ? headway : double.PositiveInfinity;
    }

    public static Pace PaceOf(ServiceLevel level, DayType dayType, int departureSeconds)
    {
        if (level == ServiceLevel.Night)
        {
            return Pace.Night;
        }
        if (level == ServiceLevel.Rail)
        {
            return Pace.Normal;
        }
        var hours = departureSeconds / 3600.0;
        var rush = dayType == DayType.Weekday && (hours is >= 6.75 and < 9 || hours is >= 14.75 and < 17.5);
        return rush ? Pace.Rush : Pace.Normal;
    }

    /// <summary>Planned offsets of each call from the first departure, rounded to whole minutes as real timetables are.</summary>
    public static int[][] PlannedOffsets(double[] drivingSeconds)
    {
        var offsets = new int[Paces][];
        for (var pace = 0; pace < Paces; pace++)
        {
            var calls = new int[drivingSeconds.Length + 1];
            var elapsed = 0.0;
            for (var i = 0; i < drivingSeconds.Length; i++)
            {
                elapsed += drivingSeconds[i] * PaceFactors[pace] + PlannedDwellSeconds;
                calls[i + 1] = Math.Max(calls[i], (int)Math.Round(elapsed / 60) * 60);
            }
            offsets[pace] = calls;
        }
        return offsets;
    }

    public static double DrivingSeconds(double meters, double metersFromHub)
    {
        var kmh = metersFromHub switch
        {
            < 1500 => 17.0,
            < 5000 => 24.0,
            _ => 32.0,
        };
        return meters / (kmh / 3.6);
    }

    /// <summary>A train's running time between two stations: accelerating and braking, then about 100 km/h.</summary>
    public static double RailRunningSeconds(double meters) => 90 + meters / (100 / 3.6);

    /// <summary>Planned offsets of a train's calls, the same at every pace: running time, padding and dwell, in whole minutes.</summary>
    public static int[][] RailPlannedOffsets(double[] runningSeconds)
    {
        var calls = new int[runningSeconds.Length + 1];
        var elapsed = 0.0;
        for (var i = 0; i < runningSeconds.Length; i++)
        {
            elapsed += runningSeconds[i] * (1 + RailPadding) + RailDwellSeconds;
            calls[i + 1] = Math.Max(calls[i] + 60, (int)Math.Round(elapsed / 60) * 60);
        }
        return Enumerable.Repeat(calls, Paces).ToArray();
    }
}
