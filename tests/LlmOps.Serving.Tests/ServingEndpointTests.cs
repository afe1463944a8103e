using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmOps.Serving.Tests;

public sealed class ServingEndpointTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-serving-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Classify_answers_with_the_intent_the_model_predicts_and_its_probabilities()
    {
        await using var server = await RunningServer.ServeAsync(TinyModels.Classifier(_root), "v-1");

        using var response = await server.Client.PostAsJsonAsync(new Uri(server.Address, "/v1/classify"), new { text = "where is my parcel" }, Ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("shipping", answer.GetProperty("label").GetString());
        Assert.Equal("v-1", answer.GetProperty("version").GetString());
        var scores = answer.GetProperty("scores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["billing", "refund", "shipping"], scores.Keys.Order());
        Assert.Equal(scores["shipping"], answer.GetProperty("confidence").GetDouble(), 5);
        Assert.Equal(1.0, scores.Values.Sum(), 3);
    }

    [Fact]
    public async Task Classify_without_text_is_a_400_that_shows_the_expected_body()
    {
        await using var server = await RunningServer.ServeAsync(TinyModels.Classifier(_root));

        using var response = await server.Client.PostAsJsonAsync(new Uri(server.Address, "/v1/classify"), new { message = "hi" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("field 'text' is required", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_model_name_version_and_kind_when_it_answers()
    {
        await using var server = await RunningServer.ServeAsync(TinyModels.Classifier(_root), "v-7");

        var health = await server.Client.GetFromJsonAsync<JsonElement>(new Uri(server.Address, "/health"), Ct);

        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.Equal("support-intent", health.GetProperty("model").GetString());
        Assert.Equal("v-7", health.GetProperty("version").GetString());
        Assert.Equal("mlnet-classifier", health.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_model_that_loads_but_cannot_answer_is_unhealthy_with_the_reason()
    {
        await using var server = await RunningServer.ServeAsync(TinyModels.WrongSchema(_root));

        using var response = await server.Client.GetAsync(new Uri(server.Address, "/health"), Ct);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        Assert.Contains("warm-up", health.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("Message", health.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_requests_by_route_and_status_with_a_latency_histogram()
    {
        await using var server = await RunningServer.ServeAsync(TinyModels.Classifier(_root), "v-2");
        for (var i = 0; i < 3; i++)
        {
            (await server.Client.PostAsJsonAsync(new Uri(server.Address, "/v1/classify"), new { text = "refund please" }, Ct)).Dispose();
        }

        (await server.Client.PostAsJsonAsync(new Uri(server.Address, "/v1/classify"), new { }, Ct)).Dispose();

        using var response = await server.Client.GetAsync(new Uri(server.Address, "/metrics"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("llmops_http_requests_total{route=\"/v1/classify\",method=\"POST\",status=\"200\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_http_requests_total{route=\"/v1/classify\",method=\"POST\",status=\"400\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_http_request_duration_seconds_bucket{route=\"/v1/classify\",method=\"POST\",le=\"+Inf\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_http_request_duration_seconds_count{route=\"/v1/classify\",method=\"POST\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("llmops_model_info{name=\"support-intent\",version=\"v-2\",kind=\"mlnet-classifier\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE llmops_http_request_errors_total counter", text, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
