using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Site;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Kollektivkart.Etl.Cli;

/// <summary>
/// The command line of the nightly job: <c>demo</c> writes synthetic raw data into a pond,
/// <c>run</c> derives everything the site serves and pushes the static assets to the CDN, which
/// <c>cdn-push</c> also does alone. Exit codes: 0 done, 1 failed, 2 bad input, 3 the pond is locked by another run.
/// </summary>
public static class EtlCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Locked = 3;

    public static int Run(string[] args)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
                console.UseUtcTimestamp = true;
                console.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddFilter("Microsoft", LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information));

        var root = new RootCommand("Kollektivkart nightly job: fills the data pond and derives the statistics the site serves.")
        {
            DemoCommand.Create(loggerFactory),
            RunCommand.Create(loggerFactory),
            CdnPushCommand.Create(loggerFactory),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line per problem instead of the whole help text; --help is there for the rest.
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("error: " + error.Message);
            }
            var command = parsed.CommandResult.Command == root ? "" : " " + parsed.CommandResult.Command.Name;
            Console.Error.WriteLine($"Try 'kollektivkart-etl{command} --help'.");
            return BadInput;
        }
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("error: cancelled; completed partitions are kept, the next run finishes the rest.");
            return Failed;
        }
        catch (PondLockedException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return Locked;
        }
        catch (InvalidStatsDbException e)
        {
            // What the run built is wrong, not what it was given: a failed run, with nothing published.
            Console.Error.WriteLine($"error: {e.Message} It was not published; the pond keeps the stats.db it had.");
            return Failed;
        }
        catch (Exception e) when (e is PondException or UsageException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return BadInput;
        }
        catch (Exception e)
        {
            // The last line of defence: one line for the operator, the details in the log.
            loggerFactory.CreateLogger("Kollektivkart.Etl").LogError(e, "The run failed");
            Console.Error.WriteLine("error: " + e.Message.Split('\n')[0]);
            return Failed;
        }
    }

    /// <summary>An option value holding a date in YYYY-MM-DD form.</summary>
    internal static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (PondLayout.TryParseDay(text, out var day))
            {
                return day;
            }
            result.AddError($"{name}: '{text}' is not a date in the form YYYY-MM-DD.");
            return null;
        },
    };

    /// <summary>A whole-number option that must be at least <paramref name="minimum"/>.</summary>
    internal static Option<int?> PositiveOption(string name, string description, int minimum = 1)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value < minimum)
            {
                result.AddError($"{name} must be at least {minimum}, got {value}.");
            }
        });
        return option;
    }

    internal static Argument<string> PondArgument() => new("pond")
    {
        Description = "The data pond: a folder, or s3://bucket/prefix (worked on in a local cache; see POND_CACHE_DIR).",
    };
}

/// <summary>Input the user can correct; shown as one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
