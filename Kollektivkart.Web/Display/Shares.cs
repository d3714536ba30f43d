using System.Globalization;
using System.Text.Encodings.Web;
using Kollektivkart.Data.Site;
using Microsoft.AspNetCore.Html;

namespace Kollektivkart.Web.Display;

/// <summary>
/// Punctuality's shares as pages write them (data-model.md section 9): a percentage with one decimal ("84.0 %", "7.4 %"),
/// or, with fewer than <see cref="PunctualityFigures.MinObserved"/> observed departures, a dash whose reason is said
/// (<see cref="DashReason"/>); never 0 or 100 % for want of data.
/// </summary>
public static class Shares
{
    public const string Dash = "\u2013";

    /// <summary>Why a figure is a dash, as a table's note and the dash's title say it.</summary>
    public static string DashReason => "\u2013 fewer than " + PunctualityFigures.MinObserved + " observed departures: too few to give a share";

    /// <summary>A share (0-1) as a percentage with one decimal, or null when it is not shown.</summary>
    public static string? Percent(double? share) =>
        share is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "\u00a0%" : null;

    /// <summary>A share (0-1) for a CSV or the API: a fraction with 4 decimals, or empty.</summary>
    public static string Csv(double? share) =>
        share is { } value ? Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture) : "";

    /// <summary>A delay in seconds as a signed duration ("+1 min 35 s"), or null when it is not shown.</summary>
    public static string? Delay(int? seconds) => seconds is { } value ? Durations.Signed(value) : null;

    /// <summary>
    /// A figure of <see cref="Percent"/> or <see cref="Delay"/> as a table cell's content: the figure, or the dash with its
    /// reason in a title and for screen readers. Written by hand rather than as a partial view: a stop's page has
    /// thousands of these cells, and a partial costs about 2 microseconds each.
    /// </summary>
    public static IHtmlContent Cell(string? figure) => new ShareCell(figure);

    private sealed class ShareCell(string? figure) : IHtmlContent
    {
        private static readonly string HiddenReason = " (fewer than " + PunctualityFigures.MinObserved + " observed departures)";

        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            if (figure is not null)
            {
                encoder.Encode(writer, figure);
                return;
            }
            writer.Write("<span class=\"dash\" title=\"");
            encoder.Encode(writer, DashReason);
            writer.Write("\">");
            encoder.Encode(writer, Dash);
            writer.Write("<span class=\"visually-hidden\">");
            encoder.Encode(writer, HiddenReason);
            writer.Write("</span></span>");
        }
    }
}
