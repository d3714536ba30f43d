using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Kollektivkart.Data;
using Kollektivkart.Data.DuckDb;
using Kollektivkart.Data.Pond;
using Kollektivkart.Web.Feeds;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// Every setting of the site checked before anything reads it, by the rules its options class states (its attributes
/// and <see cref="IValidatableObject"/>), so that a wrong one ends the start with one line naming the setting as it was
/// set (<c>STALE_AFTER_DAYS</c>, <c>Serving__OutputCache</c>), its value and what is allowed, instead of an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> thrown from deep in the start-up.
/// </summary>
public static class SiteSettings
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (PondOptions.Section, typeof(PondOptions)),
        (ServingOptions.Section, typeof(ServingOptions)),
        (MapOptions.Section, typeof(MapOptions)),
        (FeedOptions.Section, typeof(FeedOptions)),
        (S3Options.Section, typeof(S3Options)),
    ];

    /// <summary>The first wrong setting, as the line to show (without "error: "); null when all are allowed.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        // Read by Kollektivkart.Data wherever a DuckDB connection opens, not through the configuration.
        if (DuckDbSettings.WrongThreads() is { } threads)
        {
            return $"{DuckDbSettings.ThreadsVariable}={threads} is not allowed; it must be {DuckDbSettings.ThreadsAllowed}.";
        }
        foreach (var (section, type) in Sections)
        {
            var options = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
            {
                var key = $"{section}:{property.Name}";
                if (configuration[key] is not { } text)
                {
                    continue;
                }
                if (!TryConvert(text, property.PropertyType, out var value))
                {
                    return Invalid(key, text, Allowed(property) ?? $"a {property.PropertyType.Name}");
                }
                property.SetValue(options, value);
            }
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                var failure = results[0];
                var member = failure.MemberNames.FirstOrDefault() ?? "";
                var key = $"{section}:{member}";
                var allowed = type.GetProperty(member) is { } property ? Allowed(property) : null;
                return Invalid(key, configuration[key], allowed ?? failure.ErrorMessage ?? "another value");
            }
        }
        return null;
    }

    /// <summary>One line: the setting as the user named it, its value, and what it may be.</summary>
    private static string Invalid(string key, string? value, string allowed) =>
        string.IsNullOrEmpty(value)
            ? $"{NameOf(key)} is empty; it must be {allowed}."
            : $"{NameOf(key)}={value} is not allowed; it must be {allowed}.";

    /// <summary>
    /// The name the setting was given: the original's variable (<c>STALE_AFTER_DAYS</c>) when that is set, as it wins,
    /// else the environment variable of the options key (<c>Serving__StaleAfterDays</c>), else the key itself.
    /// </summary>
    private static string NameOf(string key)
    {
        if (LegacyEnvironment.VariableOf(key) is { } legacy && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(legacy)))
        {
            return legacy;
        }
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        return Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .FirstOrDefault(name => string.Equals(name, variable, StringComparison.OrdinalIgnoreCase)) ?? key;
    }

    /// <summary>What a property allows, from its rules; null when only its own validation can say.</summary>
    private static string? Allowed(PropertyInfo property)
    {
        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            return $"a whole number from {range.Minimum} to {range.Maximum}";
        }
        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { ErrorMessage: { } pattern })
        {
            return pattern;
        }
        if (property.GetCustomAttribute<AllowedAttribute>() is { } allowed)
        {
            return allowed.Text;
        }
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(bool) ? "true or false"
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : property.GetCustomAttribute<RequiredAttribute>() is not null ? "a value"
            : null;
    }

    private static bool TryConvert(string text, Type propertyType, out object? value)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        value = null;
        if (type == typeof(string))
        {
            value = text;
            return true;
        }
        if (text.Length == 0 && type != propertyType)
        {
            return true;
        }
        if (type == typeof(bool) && bool.TryParse(text.Trim(), out var flag))
        {
            value = flag;
            return true;
        }
        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }
        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big))
        {
            value = big;
            return true;
        }
        return false;
    }
}
