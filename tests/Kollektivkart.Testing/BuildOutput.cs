namespace Kollektivkart.Testing;

/// <summary>
/// Where the programs under test were built: tests run them from their own output folders
/// (with their own dependencies), as a user or a container would, in the tests' configuration.
/// </summary>
public static class BuildOutput
{
    /// <summary>The folder holding Kollektivkart.sln, above the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Kollektivkart.sln")))
            {
                folder = folder.Parent;
            }
            return folder?.FullName ?? throw new InvalidOperationException($"No Kollektivkart.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary><c>{project}/bin/{configuration}/{framework}/{file}</c>, built with the tests' configuration and framework.</summary>
    public static string Of(string project, string file)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot, project, "bin", output.Parent!.Name, output.Name, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution (dotnet build) first.", path);
    }
}
