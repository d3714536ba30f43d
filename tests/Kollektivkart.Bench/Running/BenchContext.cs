using System.Globalization;
using Spectre.Console;

namespace Kollektivkart.Bench.Running;

/// <summary>
/// What every benchmark gets: where the repository and the work folder are, how many runs to
/// take, whether to use smoke sizes, the console to report progress on, and Ctrl+C.
/// </summary>
public sealed record BenchContext(
    string RepositoryRoot, string WorkFolder, int Runs, bool Quick, string Configuration,
    IAnsiConsole Console, CancellationToken Cancellation)
{
    /// <summary>A folder under the work folder, created when missing.</summary>
    public string Folder(params string[] parts)
    {
        var folder = Path.Combine([WorkFolder, .. parts]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A progress line with the time of day; long work calls it at least every few seconds.</summary>
    public void Log(string message) =>
        Console.MarkupLine($"[grey]{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}[/] {Markup.Escape(message)}");

    public void Warn(string message) =>
        Console.MarkupLine($"[yellow]{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {Markup.Escape(message)}[/]");

    /// <summary>The job's entry assembly, built in this program's configuration (the bench project references it).</summary>
    public string EtlAssembly => BuildOutputs.Of(RepositoryRoot, "Kollektivkart.Etl", Configuration, "kollektivkart-etl.dll");

    /// <summary>The site's entry assembly; the site benchmark makes sure it is built.</summary>
    public string WebAssembly => BuildOutputs.Of(RepositoryRoot, "Kollektivkart.Web", Configuration, "Kollektivkart.Web.dll");
}

/// <summary>Where the projects' build outputs are, next to this program's own (bin/{configuration}/{framework}).</summary>
public static class BuildOutputs
{
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Kollektivkart.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new BenchUsageException($"No Kollektivkart.sln above {AppContext.BaseDirectory}: run the bench from the repository's build.");
    }

    /// <summary>Release or Debug: the configuration this program was built in, and so its dependencies.</summary>
    public static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Of(string repositoryRoot, string project, string configuration, string file)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var path = Path.Combine(repositoryRoot, project, "bin", configuration, framework, file);
        return File.Exists(path)
            ? path
            : throw new BenchUsageException($"{path} is missing: build it first (dotnet build {project} -c {configuration}).");
    }
}

/// <summary>Something the user can correct (an option, a missing build): one line, exit code 2.</summary>
public sealed class BenchUsageException(string message) : Exception(message);

/// <summary>A benchmark's child process or step failed: one line, exit code 1.</summary>
public sealed class BenchFailedException(string message) : Exception(message);
