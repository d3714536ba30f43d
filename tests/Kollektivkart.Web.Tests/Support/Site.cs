using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kollektivkart.Web.Tests.Support;

/// <summary>
/// The real site in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>), configured as a
/// deployment would be: a pond location, the production environment, no drain wait, and a clock
/// that says what day it is. Its client does not follow redirects. On request it listens with Kestrel
/// on 127.0.0.1 instead of the in-memory test server; either way <see cref="Log"/> holds what it logged.
/// </summary>
public sealed class Site : IAsyncDisposable
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(60);

    private readonly WebApplicationFactory<Program> _root;

    private Site(WebApplicationFactory<Program> root, WebApplicationFactory<Program> factory, FakeTimeProvider clock, SiteLog log, bool kestrel)
    {
        _root = root;
        Clock = clock;
        Log = log;
        if (kestrel)
        {
            factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        }
        else
        {
            Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        }
        Services = factory.Services;
    }

    public FakeTimeProvider Clock { get; }

    public SiteLog Log { get; }

    public IServiceProvider Services { get; }

    /// <summary>
    /// Moves the site's clock on <paramref name="refreshInterval"/> at a time (each step makes a pond refresh due)
    /// until <paramref name="done"/>; fails after 60 s of real time.
    /// </summary>
    public async Task AdvanceUntil(TimeSpan refreshInterval, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the site did not pick up the newer stats.db within 60 s");
            Clock.Advance(refreshInterval);
            await Task.Delay(100);
        }
    }

    public HttpClient Client { get; }

    /// <summary>Noon UTC of a day is that day in Norway too.</summary>
    public static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public static Site Start(string pond, DateOnly today, IReadOnlyDictionary<string, string>? settings = null, bool kestrel = false)
    {
        var clock = new FakeTimeProvider(Noon(today));
        var log = new SiteLog();
        var root = new WebApplicationFactory<Program>();
        var factory = root.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Pond:Location", pond);
            builder.UseSetting("Serving:DrainSeconds", "0");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(log));
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        });
        return new Site(root, factory, clock, log, kestrel);
    }

    /// <summary>Polls /ready until stats.db is loaded.</summary>
    public async Task WaitUntilReady()
    {
        var last = await PollReady((status, _) => status == HttpStatusCode.OK);
        Assert.True(last.Ready, $"/ready did not answer 200 within {LoadTimeout.TotalSeconds} s: {last.Status} {last.Body}");
    }

    /// <summary>Polls /ready until the loader has given up, which its 503 body says with the reason.</summary>
    public async Task<string> WaitUntilLoadFailed(string reason)
    {
        var last = await PollReady((status, body) =>
            status == HttpStatusCode.ServiceUnavailable && body.Contains(reason, StringComparison.Ordinal));
        Assert.True(last.Done, $"/ready did not report “{reason}” within {LoadTimeout.TotalSeconds} s: {last.Status} {last.Body}");
        return last.Body;
    }

    private async Task<(bool Done, bool Ready, HttpStatusCode Status, string Body)> PollReady(Func<HttpStatusCode, string, bool> done)
    {
        var deadline = DateTime.UtcNow + LoadTimeout;
        while (true)
        {
            using var response = await Client.GetAsync("/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (done(response.StatusCode, body))
            {
                return (true, response.StatusCode == HttpStatusCode.OK, response.StatusCode, body);
            }
            if (DateTime.UtcNow > deadline)
            {
                return (false, false, response.StatusCode, body);
            }
            await Task.Delay(50);
        }
    }

    /// <summary>A GET with the given request headers (name, value).</summary>
    public async Task<HttpResponseMessage> Get(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await Client.SendAsync(request);
    }

    /// <summary>A GET that must answer 200; the body.</summary>
    public async Task<string> GetOk(string url, params (string Name, string Value)[] headers)
    {
        using var response = await Get(url, headers);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}\n{body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _root.DisposeAsync();
    }
}
