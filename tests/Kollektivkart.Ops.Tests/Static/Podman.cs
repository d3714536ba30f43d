namespace Kollektivkart.Ops.Tests.Static;

/// <summary>The podman run a unit performs: from a plain unit's ExecStart, or from a quadlet file's [Container] keys.</summary>
public sealed record Podman(IReadOnlyList<Podman.Option> Options, string Image, IReadOnlyList<string> Command)
{
    public sealed record Option(string Name, string? Argument)
    {
        public override string ToString() => Argument is null ? Name : $"{Name}={Argument}";
    }

    /// <summary>Options quadlet puts in every generated service by itself, so its files do not name them.</summary>
    public static readonly IReadOnlySet<string> QuadletAdds = new HashSet<string> { "--cidfile", "--replace", "--rm", "--cgroups", "--sdnotify", "-d" };

    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "--replace", "--rm", "-d" };

    public string Value(string name)
    {
        var values = Options.Where(o => o.Name == name).ToList();
        Assert.True(values.Count == 1, $"expected one {name}, found {values.Count}");
        return values[0].Argument!;
    }

    public static Podman Run(UnitFile unit)
    {
        var words = UnitFile.Words(unit.One("Service", "ExecStart"));
        Assert.True(words.Count > 2 && words[0] == "/usr/bin/podman" && words[1] == "run", $"{unit.Path}: ExecStart is not /usr/bin/podman run");
        var options = new List<Option>();
        var i = 2;
        for (; i < words.Count && words[i].StartsWith('-'); i++)
        {
            var word = words[i];
            if (Flags.Contains(word))
            {
                options.Add(new Option(word, null));
                continue;
            }
            var equals = word.IndexOf('=');
            Assert.True(equals > 0, $"{unit.Path}: write options as --name=value, got '{word}'");
            options.Add(new Option(word[..equals], word[(equals + 1)..]));
        }
        Assert.True(i < words.Count, $"{unit.Path}: no image in ExecStart");
        return new Podman(options, words[i], words.Skip(i + 1).ToList());
    }

    /// <summary>The options quadlet turns [Container] keys into (podman-systemd.unit(5)).</summary>
    public static Podman FromQuadlet(UnitFile unit)
    {
        var keys = new Dictionary<string, string>
        {
            ["ContainerName"] = "--name",
            ["LogDriver"] = "--log-driver",
            ["UserNS"] = "--userns",
            ["PublishPort"] = "--publish",
            ["EnvironmentFile"] = "--env-file",
            ["Environment"] = "--env",
            ["Volume"] = "--volume",
            ["StopTimeout"] = "--stop-timeout",
        };
        var options = new List<Option>();
        foreach (var (key, value) in unit.Section("Container"))
        {
            if (keys.TryGetValue(key, out var option))
            {
                options.Add(new Option(option, value));
            }
            else if (key == "PodmanArgs")
            {
                options.AddRange(UnitFile.Words(value).Select(word =>
                {
                    var equals = word.IndexOf('=');
                    Assert.True(equals > 0, $"{unit.Path}: write PodmanArgs as --name=value, got '{word}'");
                    return new Option(word[..equals], word[(equals + 1)..]);
                }));
            }
            else
            {
                Assert.True(key is "Image" or "Exec", $"{unit.Path}: [Container] {key}= has no counterpart in the plain unit's check");
            }
        }
        var exec = unit.All("Container", "Exec");
        return new Podman(options, unit.One("Container", "Image"), exec.Count == 0 ? [] : UnitFile.Words(exec.Single()));
    }
}
