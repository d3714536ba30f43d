namespace Kollektivkart.Data.Demo;

/// <summary>Per mille of calls or journeys with each kind of dirt of Entur's feed (data-model.md 1, 3); a call gets at most one kind.</summary>
internal static class Dirt
{
    public enum CallDirt { None, Duplicated, ExtraCall, Estimated, StopCancellation, StopPlaceRef, UnknownRef, HoursLate, MissingTime }

    public enum JourneyDirt { None, Cancelled, DayOff }

    private static readonly (CallDirt Kind, double PerMille)[] CallRates =
    [
        (CallDirt.Duplicated, 3),
        (CallDirt.ExtraCall, 2.5),
        (CallDirt.Estimated, 3),
        (CallDirt.StopCancellation, 2.5),
        (CallDirt.StopPlaceRef, 3),
        (CallDirt.UnknownRef, 3),
        (CallDirt.HoursLate, 3),
        (CallDirt.MissingTime, 3.5),
    ];

    /// <summary>About 1.5 % of all journeys with the lines having a bad month, as in Entur's data (data-model.md 9).</summary>
    public const double CancelledJourneysPerMille = 13;

    /// <summary>On a line having a bad month (<see cref="HotSpots.BadLines"/>).</summary>
    public const double CancelledJourneysPerMilleInABadMonth = 50;
    public const double DayOffJourneysPerMille = 3;
    public const double ExtraJourneysPerMille = 3;

    public static CallDirt ForCall(double draw)
    {
        var perMille = draw * 1000;
        foreach (var (kind, rate) in CallRates)
        {
            if (perMille < rate)
            {
                return kind;
            }
            perMille -= rate;
        }
        return CallDirt.None;
    }

    public static JourneyDirt ForJourney(double draw, bool badMonth = false)
    {
        var perMille = draw * 1000;
        var cancelled = badMonth ? CancelledJourneysPerMilleInABadMonth : CancelledJourneysPerMille;
        if (perMille < cancelled)
        {
            return JourneyDirt.Cancelled;
        }
        return perMille < cancelled + DayOffJourneysPerMille ? JourneyDirt.DayOff : JourneyDirt.None;
    }
}
