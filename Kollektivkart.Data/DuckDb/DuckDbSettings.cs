namespace Kollektivkart.Data.DuckDb;

/// <summary>Resource limits handed to DuckDB (threads, memory_limit). Null means DuckDB's own default.</summary>
public sealed record DuckDbSettings(int? Threads = null, double? MemoryLimitGb = null)
{
    public static readonly DuckDbSettings Default = new();
}
