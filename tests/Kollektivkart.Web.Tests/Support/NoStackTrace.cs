namespace Kollektivkart.Web.Tests.Support;

/// <summary>Error answers say what was wrong in a sentence; they never show the code's insides.</summary>
public static class NoStackTrace
{
    public static void In(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Kollektivkart.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
