using System.Net;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// A BigQuery call that failed for good: the status code and BigQuery's own error message, or the
/// network problem; never a token or a key.
/// </summary>
public sealed class BigQueryException(string message, HttpStatusCode? status = null, string? reason = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>BigQuery's machine-readable reason (<c>backendError</c>, <c>invalidQuery</c>, ...), when it gave one.</summary>
    public string? Reason { get; } = reason;
}
