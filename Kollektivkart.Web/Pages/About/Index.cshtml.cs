using System.Reflection;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Markdig;
using Microsoft.AspNetCore.Mvc;

namespace Kollektivkart.Web.Pages.About;

/// <summary>What the site is and how it computes, with the data's range and size and the memory in use.</summary>
public sealed class IndexModel(StatsDbProvider provider, TimeProvider clock) : MapPageModel(provider, clock)
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private static readonly Lazy<string> Prose = new(() => Markdig.Markdown.ToHtml(ReadContent("about.md"), Markdown));

    public string Html => Prose.Value;

    public MapState State { get; private set; } = null!;

    public Selectors Selectors { get; private set; } = null!;

    public Kollektivkart.Data.Site.DataCatalog Catalog => Choices.Catalog;

    public long MemoryBytes { get; } = Environment.WorkingSet;

    public long ManagedBytes { get; } = GC.GetTotalMemory(forceFullCollection: false);

    public IActionResult OnGet(string year, string month, string hour)
    {
        var m = Choices.Month(year, month);
        var h = Choices.Hour(hour);
        if ((m.Problem ?? h.Problem) is { } wrong)
        {
            return Problem(wrong);
        }
        State = new MapState(MapView.About, m.Value, h.Value);
        Selectors = new Selectors(State, Choices.Months, Catalog.DataSources, []);
        return Page();
    }

    private static string ReadContent(string name)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
