using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Kollektivkart.Bench.Results;

/// <summary>The three forms of a bench report: a table on the console, JSON for tools, Markdown for RESULTS.md.</summary>
public static class ReportWriters
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void WriteTable(IAnsiConsole console, BenchReport report)
    {
        foreach (var section in report.Sections)
        {
            var table = new Table().Title($"[bold]{Markup.Escape(section.Title)}[/]")
                .AddColumns("figure", "median", "min", "max", "unit", "n", "target", "met");
            foreach (var column in table.Columns.Skip(1).Take(3))
            {
                column.RightAligned();
            }
            foreach (var figure in section.Figures)
            {
                table.AddRow(
                    Markup.Escape(figure.Name + (figure.Note is { } note ? $" ({note})" : "")),
                    Number(figure.Median), Number(figure.Min), Number(figure.Max),
                    Markup.Escape(figure.Unit), figure.Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(figure.Target?.Text ?? ""),
                    figure.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "" });
            }
            console.Write(table);
            foreach (var line in section.Notes)
            {
                console.MarkupLine("  [grey]" + Markup.Escape(line) + "[/]");
            }
        }
    }

    public static void WriteJson(string file, BenchReport report)
    {
        CreateFolderOf(file);
        File.WriteAllText(file, JsonSerializer.Serialize(report, Json) + "\n");
    }

    public static BenchReport ReadJson(string file) =>
        JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file} holds no report.");

    public static void WriteMarkdown(string file, BenchReport report)
    {
        CreateFolderOf(file);
        File.WriteAllText(file, Markdown(report));
    }

    public static string Markdown(BenchReport report)
    {
        var machine = report.Machine;
        var text = new StringBuilder();
        text.AppendLine("# Kollektivkart benchmark results").AppendLine();
        text.AppendLine(Invariant($"`{report.Settings.Command}`{(report.Settings.Quick ? " (--quick: smoke sizes, not national scale)" : "")}, {report.Settings.Configuration} build, started {report.Started:yyyy-MM-dd HH:mm zzz}, took {report.Duration.TotalMinutes:F1} min."));
        text.AppendLine();
        text.AppendLine("| machine | |").AppendLine("|---|---|");
        text.AppendLine($"| CPU | {machine.CpuModel} |");
        text.AppendLine(Invariant($"| cores | {machine.LogicalCores} |"));
        text.AppendLine(Invariant($"| memory | {machine.MemoryGb:F1} GB |"));
        text.AppendLine($"| OS | {machine.OperatingSystem} |");
        text.AppendLine($"| .NET | {machine.DotNet} |");
        text.AppendLine($"| commit | {machine.GitCommit} |");
        text.AppendLine($"| load average at start | {machine.LoadAverageAtStart} |");
        foreach (var (key, value) in report.Settings.Extra)
        {
            text.AppendLine($"| {key} | {value} |");
        }
        foreach (var section in report.Sections)
        {
            text.AppendLine().AppendLine($"## {section.Title}").AppendLine();
            if (section.Figures.Count > 0)
            {
                text.AppendLine("| figure | median | min | max | unit | n | target | met |");
                text.AppendLine("|---|---:|---:|---:|---|---:|---|---|");
                foreach (var figure in section.Figures)
                {
                    var name = figure.Name + (figure.Note is { } note ? $" ({note})" : "");
                    var met = figure.Met switch { true => "yes", false => "**no**", null => "" };
                    text.AppendLine(Invariant($"| {name} | {Number(figure.Median)} | {Number(figure.Min)} | {Number(figure.Max)} | {figure.Unit} | {figure.Count} | {figure.Target?.Text} | {met} |"));
                }
            }
            foreach (var line in section.Notes)
            {
                text.AppendLine().AppendLine(line);
            }
        }
        return text.ToString();
    }

    /// <summary>Three significant figures or so: 0.123, 1.23, 12.3, 1,234.</summary>
    public static string Number(double? value) => value switch
    {
        null => "-",
        { } v when Math.Abs(v) >= 1000 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 100 => v.ToString("F0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 10 => v.ToString("F1", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 1 => v.ToString("F2", CultureInfo.InvariantCulture),
        { } v => v.ToString("F3", CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void CreateFolderOf(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
