using System.Text;

namespace Kollektivkart.Ops.Tests.Static;

/// <summary>
/// A systemd unit or quadlet file read the way systemd reads it: sections of keys, a key may repeat,
/// a trailing backslash continues the line, and comment lines (also between continued lines) are skipped.
/// </summary>
public sealed class UnitFile
{
    private readonly Dictionary<string, List<(string Key, string Value)>> _sections = new(StringComparer.Ordinal);

    private UnitFile(string path) => Path = path;

    public string Path { get; }

    public static UnitFile Read(string path)
    {
        var unit = new UnitFile(path);
        List<(string, string)>? section = null;
        var pending = new StringBuilder();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }
            if (pending.Length == 0 && line.StartsWith('[') && line.EndsWith(']'))
            {
                section = [];
                unit._sections[line[1..^1]] = section;
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1].TrimEnd()).Append(' ');
                continue;
            }
            pending.Append(line);
            var entry = pending.ToString().Trim();
            pending.Clear();
            if (entry.Length == 0)
            {
                continue;
            }
            Assert.True(section is not null, $"{path}: '{entry}' is outside any section");
            var equals = entry.IndexOf('=');
            Assert.True(equals > 0, $"{path}: '{entry}' is not KEY=value");
            section.Add((entry[..equals].Trim(), entry[(equals + 1)..].Trim()));
        }
        return unit;
    }

    public IReadOnlyCollection<string> Sections => _sections.Keys;

    public IReadOnlyList<(string Key, string Value)> Section(string name) =>
        _sections.TryGetValue(name, out var section) ? section : [];

    public IReadOnlyList<string> All(string section, string key) =>
        Section(section).Where(e => e.Key == key).Select(e => e.Value).ToList();

    /// <summary>The one value of a key that must be set once.</summary>
    public string One(string section, string key)
    {
        var values = All(section, key);
        Assert.True(values.Count == 1, $"{Path}: expected one {key}= in [{section}], found {values.Count}");
        return values[0];
    }

    /// <summary>Splits a command line the way systemd does for Exec lines: whitespace, with single and double quotes.</summary>
    public static IReadOnlyList<string> Words(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in commandLine)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        Assert.True(quote is null, $"unbalanced quote in: {commandLine}");
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }
}
