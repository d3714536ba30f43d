namespace Kollektivkart.Data.Pond;

public static class ParquetFiles
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>
    /// Cheap check that a file is Parquet (magic bytes at both ends), so a truncated or foreign
    /// file is named before any work starts rather than halfway through a run.
    /// </summary>
    public static void CheckMagic(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[4];
        var tail = new byte[4];
        var ok = stream.Length >= 12 && stream.Read(head) == 4;
        if (ok)
        {
            stream.Seek(-4, SeekOrigin.End);
            ok = stream.Read(tail) == 4 && head.AsSpan().SequenceEqual(Magic) && tail.AsSpan().SequenceEqual(Magic);
        }
        if (!ok)
        {
            throw new PondException($"{path} is not a valid Parquet file (corrupt or truncated).");
        }
    }
}
