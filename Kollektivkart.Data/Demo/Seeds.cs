namespace Kollektivkart.Data.Demo;

/// <summary>SplitMix64-derived seeds: HashCode.Combine and string hashes are randomized per process.</summary>
internal static class Seeds
{
    public const long Network = 0x4E6574;
    public const long Day = 0x446179;
    public const long Month = 0x4D6F6E;
    public const long Weekend = 0x57656B;
    public const long BadMonth = 0x426164;

    public static int Derive(int seed, long purpose, long a = 0, long b = 0)
    {
        var state = Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL);
        state = Mix(state ^ (ulong)purpose);
        state = Mix(state ^ (ulong)a);
        state = Mix(state ^ (ulong)b);
        return (int)(state & int.MaxValue);
    }

    public static Random For(int seed, long purpose, long a = 0, long b = 0) => new(Derive(seed, purpose, a, b));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
