using System.Globalization;
using Kollektivkart.Data.Calendar;

namespace Kollektivkart.Data.Demo;

/// <summary>
/// Every timetabled journey of a day, delays built up on stretches by rush traffic and the month's hot spots, plus dirt.
/// Its randomness comes from (seed, day) only, so a day is the same whichever days are generated with it.
/// </summary>
internal sealed class OperatingDaySimulation
{
    private const int SecondsPerDay = 86_400;

    // Shares of journeys, tuned so that about 85-90 % of departures are on time (-60..180 s), 3-6 % early, and most of the
    // very late ones are in the weekday rush on lines through hot spots or on a line having a bad month.
    private const double EarlyDriverShare = 0.1;
    private const double EarlyDriverPace = 0.9;
    private const double EarlyDriverFloorSeconds = -240;
    private const double LateStartShare = 0.1;
    private const double BadMonthLateStartShare = 0.6;
    private const double RailDisruptionShare = 0.15;

    /// <summary>A train's timetable has it arrive this long before it leaves; a bus's arrives and leaves at the same minute.</summary>
    private const int RailDwell = (int)Timetable.RailDwellSeconds;

    private static readonly string[] TripNumbers = Enumerable.Range(0, 10_000).Select(n => n.ToString("D4", CultureInfo.InvariantCulture)).ToArray();

    private readonly Network _network;
    private readonly DayType _dayType;
    private readonly int _dayNumber;
    private readonly LocalClock _clock;
    private readonly double[] _hotSpots;
    private readonly IReadOnlySet<Line> _badLines;
    private readonly Func<DataSourceOperator, string> _dataSourceName;
    private readonly Random _random;
    private readonly Journey _journey = new();

    public OperatingDaySimulation(Network network, int seed, DateOnly day, HotSpots hotSpots, Func<DataSourceOperator, string> dataSourceName)
    {
        _network = network;
        _dayType = Timetable.DayTypeOf(day);
        _dayNumber = day.DayNumber;
        _clock = new LocalClock(day);
        _hotSpots = hotSpots.ExtraSeconds(_dayType);
        _badLines = hotSpots.BadLines;
        _dataSourceName = dataSourceName;
        _random = Seeds.For(seed, Seeds.Day, day.DayNumber);
        _journey.OperatingDate = day;
    }

    public void Run(Action<Journey> emit)
    {
        foreach (var line in _network.Lines)
        {
            var dataSourceName = _dataSourceName(line.Operator);
            foreach (var route in line.Directions)
            {
                var directionRef = line.DirectionRef(route.Direction, _dayNumber);
                var prefix = route.JourneyIdPrefixes[(int)_dayType];
                var extraTrips = 0;
                foreach (var departure in route.Departures[(int)_dayType])
                {
                    Simulate(route, directionRef, dataSourceName, departure, prefix + TripNumbers[departure / 60], extra: false);
                    emit(_journey);
                    if (_random.NextDouble() * 1000 < Dirt.ExtraJourneysPerMille)
                    {
                        var reinforcement = departure + 60 * _random.Next(2, 6);
                        Simulate(route, directionRef, dataSourceName, reinforcement, prefix + TripNumbers[9000 + extraTrips++], extra: true);
                        emit(_journey);
                    }
                }
            }
        }
    }

    private void Simulate(Route route, string directionRef, string dataSourceName, int departure, string journeyId, bool extra)
    {
        var line = route.Line;
        var journey = _journey;
        journey.LineRef = line.Ref;
        journey.DirectionRef = directionRef;
        journey.ServiceJourneyId = journeyId;
        journey.OperatorRef = line.OperatorRef;
        journey.OriginName = route.OriginName;
        journey.DestinationName = route.DestinationName;
        journey.DataSource = line.Operator.Code;
        journey.DataSourceName = dataSourceName;
        journey.ExtraJourney = extra;
        journey.CallCount = 0;
        var bad = _badLines.Contains(line);
        var journeyDirt = Dirt.ForJourney(_random.NextDouble(), bad);
        journey.Cancelled = journeyDirt == Dirt.JourneyDirt.Cancelled;

        var offsets = route.PlannedOffsets[(int)Timetable.PaceOf(line.Level, _dayType, departure)];
        var start = _clock.ToUtc(departure);
        var last = route.Quays.Length - 1;
        var delays = line.Level == ServiceLevel.Rail ? RailDelays(last, bad) : BusDelays(bad);
        var departureDelay = delays.Start;
        var arrivalDelay = 0.0;
        var sequenceShift = 0;
        for (var i = 0; i <= last; i++)
        {
            var aimed = start + offsets[i];
            var arrival = Call.NoTime;
            if (i > 0)
            {
                var plannedSeconds = offsets[i] - offsets[i - 1];
                arrivalDelay = departureDelay + (line.Level == ServiceLevel.Rail
                    ? RailDeviation(route, i - 1, plannedSeconds, delays)
                    : DrivingDeviation(route, i - 1, departure + offsets[i - 1], plannedSeconds, departureDelay, delays.Pace));
                arrival = aimed + (long)Math.Round(arrivalDelay);
            }
            var actualDeparture = Call.NoTime;
            if (i < last)
            {
                if (i > 0)
                {
                    var dwell = _random.NextDouble();
                    departureDelay = Math.Max(arrivalDelay + (line.Level == ServiceLevel.Rail ? 30 + dwell * 60 : dwell * dwell * 60), delays.Floor);
                }
                actualDeparture = Math.Max(aimed + (long)Math.Round(departureDelay), arrival);
            }

            ref var call = ref journey.NextCall();
            call = new Call
            {
                StopPointRef = route.Quays[i].Id,
                SequenceNr = i + 1 + sequenceShift,
                AimedArrival = i > 0 ? aimed - delays.PlannedDwell : Call.NoTime,
                Arrival = arrival,
                AimedDeparture = i < last ? aimed : Call.NoTime,
                Departure = actualDeparture,
            };
            var dirt = Dirt.ForCall(_random.NextDouble());
            ApplyCallDirt(ref call, dirt, route.Quays[i], middle: i > 0 && i < last);
            call.RecordedAt = (call.Arrival != Call.NoTime ? call.Arrival : call.Departure) + 5 + _random.Next(90);
            if (dirt == Dirt.CallDirt.Duplicated)
            {
                var sameNumber = _random.Next(2) == 0;
                var copy = call;
                copy.RecordedAt += 30 + _random.Next(270);
                if (!sameNumber)
                {
                    sequenceShift++;
                    copy.SequenceNr++;
                }
                journey.NextCall() = copy;
            }
        }
        if (journeyDirt == Dirt.JourneyDirt.DayOff)
        {
            ShiftTimes(journey, _random.Next(2) == 0 ? SecondsPerDay : -SecondsPerDay);
        }
    }

    /// <summary>How a journey's delays go: its delay leaving the first stop, its pace, how early it may leave a stop, a train's disruption.</summary>
    private readonly record struct Delays(
        double Start, double Pace, double Floor, int DisruptedStretch = -1, double DisruptionSeconds = 0, int PlannedDwell = 0);

    /// <summary>
    /// Most buses leave the first stop within half a minute of the timetable; some start late (the vehicle's previous
    /// trip ran late), on a line having a bad month most do and by minutes. A few drivers run ahead and leave stops early.
    /// </summary>
    private Delays BusDelays(bool bad)
    {
        var start = -20 + _random.NextDouble() * 55;
        var late = _random.NextDouble();
        if (late < (bad ? BadMonthLateStartShare : LateStartShare))
        {
            var u = _random.NextDouble();
            start += bad ? 100 + u * 400 : 45 + u * u * 300;
        }
        return _random.NextDouble() < EarlyDriverShare
            ? new Delays(start, EarlyDriverPace, EarlyDriverFloorSeconds)
            : new Delays(start, 1, -30);
    }

    /// <summary>
    /// Trains leave on time or up to a minute late (minutes late in a bad month) and never early; some meet a disruption (a signal fault, a late
    /// crossing train) on one stretch and win part of it back from the timetable's padding: most reach their final
    /// station within 3:59, some within 5:59, a few later.
    /// </summary>
    private Delays RailDelays(int last, bool bad)
    {
        var start = _random.NextDouble() * 60;
        if (bad && _random.NextDouble() < BadMonthLateStartShare)
        {
            start += 100 + _random.NextDouble() * 400;
        }
        if (_random.NextDouble() >= (bad ? 3 : 1) * RailDisruptionShare)
        {
            return new Delays(start, 1, 0, PlannedDwell: RailDwell);
        }
        var u = _random.NextDouble();
        return new Delays(start, 1, 0, _random.Next(last), 60 + u * u * 900, RailDwell);
    }

    private double RailDeviation(Route route, int stretchIndex, int plannedSeconds, Delays delays)
    {
        var running = route.DrivingSeconds[stretchIndex] + (_random.NextDouble() + _random.NextDouble() - 1) * 40;
        if (stretchIndex == delays.DisruptedStretch)
        {
            running += delays.DisruptionSeconds;
        }
        // The planned time includes the dwell at the station before, added where the train leaves.
        return running - plannedSeconds;
    }

    private double DrivingDeviation(Route route, int stretchIndex, int localStart, int plannedSeconds, double delay, double pace)
    {
        var stretch = route.Stretches[stretchIndex];
        var driving = route.DrivingSeconds[stretchIndex] * pace;
        var rush = HotSpots.RushProfile(_dayType, localStart);
        if (rush > 0)
        {
            driving *= 1 + (stretch.Central ? 0.25 : 0.05) * rush;
            driving += _hotSpots[stretch.Index] * rush * (0.4 + 1.2 * _random.NextDouble());
        }
        driving += (_random.NextDouble() + _random.NextDouble() - 1) * 20;
        if (delay > 30)
        {
            // Late buses make up some time where the timetable has slack.
            driving -= Math.Min((delay - 30) * 0.12, 20);
        }
        // The planned time includes the dwell at the stop before; the actual dwell is added where the bus leaves.
        return Math.Max(driving, 10) - plannedSeconds;
    }

    private void ApplyCallDirt(ref Call call, Dirt.CallDirt dirt, Quay quay, bool middle)
    {
        switch (dirt)
        {
            case Dirt.CallDirt.ExtraCall:
                call.ExtraCall = true;
                break;
            case Dirt.CallDirt.Estimated:
                call.Estimated = true;
                break;
            case Dirt.CallDirt.StopCancellation:
                call.StopCancellation = true;
                break;
            case Dirt.CallDirt.StopPlaceRef:
                call.StopPointRef = quay.StopPlace.Id;
                break;
            case Dirt.CallDirt.UnknownRef:
                call.StopPointRef = quay.UnknownId;
                break;
            case Dirt.CallDirt.HoursLate:
                var late = 7200 + _random.Next(3 * 3600);
                if (call.Arrival != Call.NoTime)
                {
                    call.Arrival += late;
                }
                if (call.Departure != Call.NoTime)
                {
                    call.Departure += late;
                }
                break;
            case Dirt.CallDirt.MissingTime when middle:
                if (_random.Next(2) == 0)
                {
                    call.Arrival = Call.NoTime;
                }
                else
                {
                    call.Departure = Call.NoTime;
                }
                break;
        }
    }

    private static void ShiftTimes(Journey journey, long seconds)
    {
        for (var i = 0; i < journey.CallCount; i++)
        {
            ref var call = ref journey.Calls[i];
            call.AimedArrival = Shift(call.AimedArrival, seconds);
            call.Arrival = Shift(call.Arrival, seconds);
            call.AimedDeparture = Shift(call.AimedDeparture, seconds);
            call.Departure = Shift(call.Departure, seconds);
            call.RecordedAt = Shift(call.RecordedAt, seconds);
        }
    }

    private static long Shift(long time, long seconds) => time == Call.NoTime ? time : time + seconds;
}
