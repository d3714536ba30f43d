using System.Reflection;

namespace Kollektivkart.Data.Sql;

/// <summary>
/// The embedded .sql files. Each script opens with a comment naming inputs, output and grain.
/// <see cref="VerifyAll"/> runs at start so a missing script fails before any work is done.
/// </summary>
public static class SqlScripts
{
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;
    private const string Prefix = "Kollektivkart.Data.Sql.";

    public static string Load(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new InvalidOperationException($"SQL script {name} is not embedded in {Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<string> Embedded() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static void VerifyAll(IEnumerable<string> names)
    {
        var missing = names.Except(Embedded()).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Missing embedded SQL scripts: " + string.Join(", ", missing));
        }
    }
}
