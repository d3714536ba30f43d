using System.Globalization;
using System.Text;
using Kollektivkart.Data.Site;
using Kollektivkart.Web.Selection;

namespace Kollektivkart.Web.Display;

/// <summary>One month of a trend: its on-time share, null when the month has too few observed departures (or none).</summary>
public sealed record TrendPoint(DateOnly Month, double? Share);

/// <summary>
/// A small on-time trend drawn on the server as inline SVG, so it shows without JavaScript: one point per month, the line
/// broken with a dash at the bottom where a month has too few observed departures; <see cref="Text"/> says it in words.
/// </summary>
public sealed record Sparkline(IReadOnlyList<TrendPoint> Points)
{
    public const int Width = 64;
    public const int Height = 20;
    private const double Margin = 2;

    /// <summary>The 12 months up to <paramref name="last"/> (none before <paramref name="first"/>, the oldest month offered), each with its share.</summary>
    public static Sparkline Of(IEnumerable<OperatorMonth> months, DateOnly first, DateOnly last)
    {
        var shares = months.ToDictionary(m => m.Month, m => m.Figures.OnTimeShare);
        var points = Enumerable.Range(0, 12).Select(i => last.AddMonths(i - 11)).Where(m => m >= first)
            .Select(m => new TrendPoint(m, shares.GetValueOrDefault(m))).ToList();
        return new Sparkline(points);
    }

    /// <summary>The first of the 12 months a trend up to <paramref name="last"/> spans.</summary>
    public static DateOnly First(DateOnly last) => last.AddMonths(-11);

    private IReadOnlyList<TrendPoint> Shown => Points.Where(p => p.Share is not null).ToList();

    /// <summary>"84.0 % in January 2025 to 86.1 % in December 2025", and how many months have too few.</summary>
    public string Text
    {
        get
        {
            var shown = Shown;
            var tooFew = Points.Count - shown.Count;
            var gaps = tooFew == 0 ? "" : $"; {Plural.Of(tooFew, "month")} with fewer than {PunctualityFigures.MinObserved} observed departures";
            return shown.Count switch
            {
                0 => $"No month with at least {PunctualityFigures.MinObserved} observed departures",
                1 => $"{Shares.Percent(shown[0].Share)} in {Choices.Format(shown[0].Month)}, the only month to show{gaps}",
                _ => $"{Shares.Percent(shown[0].Share)} in {Choices.Format(shown[0].Month)} to {Shares.Percent(shown[^1].Share)} in {Choices.Format(shown[^1].Month)}{gaps}",
            };
        }
    }

    /// <summary>The line's runs of months in a row with a share, as SVG polyline points (a lone month is a dot).</summary>
    public IReadOnlyList<IReadOnlyList<(double X, double Y)>> Runs
    {
        get
        {
            var runs = new List<IReadOnlyList<(double X, double Y)>>();
            var run = new List<(double X, double Y)>();
            for (var i = 0; i < Points.Count; i++)
            {
                if (Points[i].Share is { } share)
                {
                    run.Add((X(i), Y(share)));
                }
                else if (run.Count > 0)
                {
                    runs.Add(run);
                    run = [];
                }
            }
            if (run.Count > 0)
            {
                runs.Add(run);
            }
            return runs;
        }
    }

    /// <summary>Where the months with too few observed departures are: a dash at the bottom.</summary>
    public IReadOnlyList<double> Gaps => Points.Select((p, i) => (p, i)).Where(x => x.p.Share is null).Select(x => X(x.i)).ToList();

    /// <summary>The SVG, hidden from screen readers: the cell says <see cref="Text"/> beside it.</summary>
    public string ToSvg()
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"sparkline\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" aria-hidden=\"true\" focusable=\"false\">");
        foreach (var run in Runs)
        {
            if (run.Count == 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(run[0].X)}\" cy=\"{F(run[0].Y)}\" r=\"1.6\"/>");
            }
            else
            {
                svg.Append("<polyline points=\"").AppendJoin(' ', run.Select(p => $"{F(p.X)},{F(p.Y)}")).Append("\"/>");
            }
        }
        foreach (var x in Gaps)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"gap\" x1=\"{F(x - 2)}\" y1=\"{F(Height - 1)}\" x2=\"{F(x + 2)}\" y2=\"{F(Height - 1)}\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    private double X(int index) => Points.Count == 1 ? Width / 2.0 : Margin + index * (Width - 2 * Margin) / (Points.Count - 1);

    /// <summary>The shares' own range (at least 2 percentage points), top to bottom, leaving the bottom line to the dashes.</summary>
    private double Y(double share)
    {
        var values = Shown.Select(p => p.Share!.Value).ToList();
        var low = values.Min();
        var high = values.Max();
        if (high - low < 0.02)
        {
            var middle = (high + low) / 2;
            (low, high) = (middle - 0.01, middle + 0.01);
        }
        return Margin + (high - share) / (high - low) * (Height - 3 * Margin);
    }

    private static string F(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
