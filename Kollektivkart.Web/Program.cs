using System.Globalization;
using Kollektivkart.Data.Pond;
using Kollektivkart.Web.Api;
using Kollektivkart.Web.Feeds;
using Kollektivkart.Web.Selection;
using Kollektivkart.Web.Serving;
using Microsoft.Extensions.Options;

// Numbers and dates on pages and in CSV look the same whatever the server's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Settings and static files travel with the build output, wherever the process starts.
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.Configuration.AddLegacyEnvironment();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});

builder.Services.AddOptions<PondOptions>().BindConfiguration(PondOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<S3Options>().BindConfiguration(S3Options.Section);
builder.Services.Configure<HostOptions>(o =>
    o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue($"{ServingOptions.Section}:{nameof(ServingOptions.DrainSeconds)}", 15) + 15));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<StatsDbProvider>();
builder.Services.AddSingleton<StaticAssets>();
builder.Services.AddSingleton<WarmUp>();
builder.Services.AddHostedService<StatsDbLoader>();
builder.Services.AddSingleton<Drain>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Drain>());

builder.Services.AddRazorPages();
builder.Services.AddPageCache();
builder.Services.AddSiteCompression();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseApiCors();
app.UsePageCache();
app.UseResponseCompression();
app.UseExceptionHandler("/errors/500");
app.UseStatusCodePagesWithReExecute("/errors/{0}");
app.UseReadOnlyMethods();
app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = StaticAssets.ContentTypes });
app.UsePinnedStatsDb();
app.UseUnavailableUntilLoaded();
app.UseRouting();

app.MapReady();
app.MapApi();
app.MapFeeds();
app.MapSelect();
app.MapRazorPages();

try
{
    app.Run();
    return 0;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // A user error, not a crash: say which address and how to pick another, without a stack trace.
    Console.Error.WriteLine($"error: {e.Message} Choose another with --urls http://127.0.0.1:PORT.");
    return 1;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"error: invalid configuration: {string.Join(" ", e.Failures)}");
    return 2;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
