namespace Kollektivkart.Data;

/// <summary>
/// What a setting allows, in words, where its rule is code (an options class's Validate) rather than an attribute: the
/// site's start-up check (SiteSettings) names it in its one line about a wrong value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AllowedAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
