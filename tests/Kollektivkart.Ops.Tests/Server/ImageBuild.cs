using Kollektivkart.Ops.Tests.Support;

namespace Kollektivkart.Ops.Tests.Server;

/// <summary>
/// ops/build-image on local stand-ins for the .NET images (no registry here), with podman set up for
/// this machine (ops/try/containers.conf). The stand-ins and the layers stay in podman's storage, so
/// only the first build on a machine, and a build after a source change, take minutes.
/// </summary>
public static class ImageBuild
{
    public const string Repository = "localhost/kollektivkart";

    public static string Script => Path.Combine(OpsFiles.Root, "build-image");

    public static IReadOnlyDictionary<string, string> Podman => new Dictionary<string, string>
    {
        ["CONTAINERS_CONF"] = Path.Combine(OpsFiles.Root, "try", "containers.conf"),
    };

    /// <summary>Builds <c>localhost/kollektivkart:TAG</c> and saves it to <paramref name="archive"/> for podman load.</summary>
    public static async Task Build(string tag, string archive)
    {
        Tool.Require("podman", "podman");
        var result = await Tool.Run(Script, [tag, "--local-bases", "--save", archive], environment: Podman,
            timeout: TimeSpan.FromMinutes(25));
        Assert.True(result.ExitCode == 0, $"ops/build-image {tag} --local-bases failed:\n{result.Output}");
    }

    /// <summary>The image's id, to tell two tags' images apart on the server.</summary>
    public static async Task<string> Id(string tag)
    {
        var result = await Tool.Run("podman", ["image", "inspect", "--format", "{{.Id}}", $"{Repository}:{tag}"], environment: Podman);
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output.Trim();
    }
}
