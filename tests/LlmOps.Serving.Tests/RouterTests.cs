using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmOps.Serving.Tests;

public sealed class RouterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-router-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_router_forwards_to_the_backend_in_the_active_file_and_follows_an_atomic_replacement()
    {
        var model = TinyModels.Classifier(_root);
        await using var blue = await RunningServer.ServeAsync(model, "v-blue");
        await using var green = await RunningServer.ServeAsync(model, "v-green");
        var active = Path.Combine(_root, "active");
        AtomicFile.WriteAllText(active, blue.Address + "\n");
        await using var router = await RunningServer.RouteAsync(active);

        Assert.Equal("v-blue", await VersionAsync(router));
        AtomicFile.WriteAllText(active, green.Address + "\n");
        await Task.Delay(LlmOps.Serving.Routing.ActiveBackend.RefreshInterval * 2, Ct);
        Assert.Equal("v-green", await VersionAsync(router));

        using var classify = await router.Client.PostAsJsonAsync(new Uri(router.Address, "/v1/classify"), new { text = "I was charged twice" }, Ct);
        Assert.Equal("billing", (await classify.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("label").GetString());
    }

    [Fact]
    public async Task Without_an_active_file_the_router_answers_503_and_says_so_on_its_own_health()
    {
        await using var router = await RunningServer.RouteAsync(Path.Combine(_root, "missing"));

        using var forwarded = await router.Client.GetAsync(new Uri(router.Address, "/health"), Ct);
        using var own = await router.Client.GetAsync(new Uri(router.Address, "/router/health"), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, own.StatusCode);
        Assert.Contains("no backend", await own.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<string?> VersionAsync(RunningServer router) =>
        (await router.Client.GetFromJsonAsync<JsonElement>(new Uri(router.Address, "/health"), Ct)).GetProperty("version").GetString();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
