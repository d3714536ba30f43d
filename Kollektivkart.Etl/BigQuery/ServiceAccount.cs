using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Kollektivkart.Etl.Cli;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// The service account the job queries as: OAuth2 tokens for the read-only BigQuery scope, fetched
/// from the key file's <c>token_uri</c> and refreshed by Google.Apis.Auth before they expire.
/// </summary>
public sealed class ServiceAccount
{
    public const string Scope = "https://www.googleapis.com/auth/bigquery.readonly";

    private ServiceAccount(ITokenAccess tokens, string email, string project)
    {
        Tokens = tokens;
        Email = email;
        Project = project;
    }

    public ITokenAccess Tokens { get; }

    /// <summary>The account's address: safe to log, unlike the key and the tokens.</summary>
    public string Email { get; }

    /// <summary>The project billed for queries: <c>BIGQUERY_PROJECT</c>, else the key's <c>project_id</c>.</summary>
    public string Project { get; }

    /// <summary>Reads the key file; anything wrong with it is a <see cref="UsageException"/> that names the file, never its content.</summary>
    public static ServiceAccount Load(BigQueryOptions options)
    {
        var file = options.CredentialsFile;
        ServiceAccountCredential credential;
        try
        {
            using (var document = JsonDocument.Parse(File.ReadAllBytes(file)))
            {
                var type = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var t)
                    ? t.GetString()
                    : null;
                if (type != "service_account")
                {
                    throw Unusable(file, $"it holds {(type is null ? "no credential type" : $"a credential of type '{type}'")}, not a service-account key (\"type\": \"service_account\")");
                }
            }
            credential = CredentialFactory.FromFile<ServiceAccountCredential>(file);
        }
        catch (UsageException)
        {
            throw;
        }
        catch (JsonException)
        {
            throw Unusable(file, "it is not JSON");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            // These messages name what is missing or malformed; none quotes the key.
            throw Unusable(file, e.Message.TrimEnd('.'));
        }
        var project = options.Project ?? credential.ProjectId;
        if (string.IsNullOrWhiteSpace(project))
        {
            throw new UsageException(
                $"no project to bill the BigQuery queries to: the key in {file} has no project_id; set {BigQueryOptions.ProjectVariable}.");
        }
        var scoped = credential.ToGoogleCredential().CreateScoped(Scope);
        return new ServiceAccount(scoped, credential.Id, project);
    }

    private static UsageException Unusable(string file, string reason) =>
        new($"{BigQueryOptions.CredentialsVariable} names {file}, which is not a usable service-account key: {reason}.");
}
