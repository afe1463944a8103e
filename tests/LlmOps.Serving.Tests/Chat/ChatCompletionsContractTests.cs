using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.OnnxChat;

namespace LlmOps.Serving.Tests.Chat;

/// <summary>POST /v1/chat/completions on the wire: OpenAI's fields, its stream format and its error body.</summary>
public sealed class ChatCompletionsContractTests
{
    [Fact]
    public async Task A_completion_has_openai_s_shape()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory, "v-7");

        var (status, answer) = await PostAsync(server, Body(maxTokens: 6));

        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonNode.Parse(answer)!;
        Assert.StartsWith("chatcmpl-", (string)json["id"]!, StringComparison.Ordinal);
        Assert.Equal("chat.completion", (string)json["object"]!);
        Assert.Equal("support-intent", (string)json["model"]!);
        var choice = json["choices"]![0]!;
        Assert.Equal("assistant", (string)choice["message"]!["role"]!);
        Assert.Equal(TinyChatModel.Greedy(6).Text, (string)choice["message"]!["content"]!);
        Assert.Contains((string)choice["finish_reason"]!, new[] { "stop", "length" });
        Assert.Equal((int)json["usage"]!["prompt_tokens"]! + (int)json["usage"]!["completion_tokens"]!, (int)json["usage"]!["total_tokens"]!);
    }

    [Fact]
    public async Task A_stream_is_server_sent_events_of_chunks_ending_in_done()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/v1/chat/completions")) { Content = Json(Body(maxTokens: 8, stream: true)) };
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var events = (await response.Content.ReadAsStringAsync(Ct)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string)c["object"]!));
        Assert.Single(chunks.Select(c => (string)c["id"]!).Distinct());
        Assert.Equal("assistant", (string)chunks[0]["choices"]![0]!["delta"]!["role"]!);
        Assert.NotNull(chunks[^1]["choices"]![0]!["finish_reason"]);
        var text = string.Concat(chunks.Select(c => (string?)c["choices"]![0]!["delta"]!["content"] ?? ""));
        Assert.Equal(TinyChatModel.Greedy(8).Text, text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stop_text_ends_the_answer_before_it(bool stream)
    {
        var whole = TinyChatModel.Greedy(24).Text;
        Assert.True(whole.Length >= 6, $"the test model's answer is too short to cut: '{whole}'");
        var stop = whole.Substring(whole.Length / 2, 2);
        var expected = whole[..whole.IndexOf(stop, StringComparison.Ordinal)];
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);

        var body = Body(maxTokens: 24, stream: stream);
        body["stop"] = new JsonArray("\u0001never", stop);
        var (status, answer) = await PostAsync(server, body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, stream ? StreamedText(answer) : (string)JsonNode.Parse(answer)!["choices"]![0]!["message"]!["content"]!);
        Assert.Contains("\"finish_reason\":\"stop\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_tokens_bounds_the_answer_and_reports_length()
    {
        var reference = TinyChatModel.Greedy(3);
        Assert.Equal(FinishReason.Length, reference.Finish);
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);

        var (_, answer) = await PostAsync(server, Body(maxTokens: 3));

        var json = JsonNode.Parse(answer)!;
        Assert.Equal(3, (int)json["usage"]!["completion_tokens"]!);
        Assert.Equal("length", (string)json["choices"]![0]!["finish_reason"]!);
    }

    [Fact]
    public async Task A_seed_makes_a_sampled_answer_repeatable()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);
        var body = Body(maxTokens: 16);
        body["temperature"] = 1.2;
        body["top_p"] = 0.9;
        body["seed"] = 9_007_199_254_740_993L; // beyond 32 bits, as OpenAI's 64-bit seed may be

        var first = JsonNode.Parse((await PostAsync(server, body)).Body)!["choices"]![0]!["message"]!["content"]!.ToString();
        var second = JsonNode.Parse((await PostAsync(server, body)).Body)!["choices"]![0]!["message"]!["content"]!.ToString();

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("""{"messages": []}""", "messages", "messages: required")]
    [InlineData("""{"messages": [{"role": "tool", "content": "x"}]}""", "messages[0].role", "'tool' is not a role")]
    [InlineData("""{"messages": [{"role": "user"}]}""", "messages[0].content", "messages[0].content: required")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}], "temperature": 3}""", "temperature", "temperature: must be a number from 0 to 2")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}], "top_p": 0}""", "top_p", "top_p: must be greater than 0")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}], "max_tokens": 0}""", "max_tokens", "max_tokens: must be an integer of at least 1")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}], "stop": ["a", "b", "c", "d", "e"]}""", "stop", "at most 4 strings")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}], "n": 2}""", "n", "n: this server answers with one choice")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}], "stream": "yes"}""", "stream", "stream: must be true or false")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}], "seed": 1.5}""", "seed", "seed: must be an integer")]
    public async Task A_bad_request_is_a_400_with_openai_s_error_body_naming_the_field(string body, string param, string message)
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);

        using var response = await server.Client.PostAsync(new Uri(server.Address, "/v1/chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string)error["type"]!);
        Assert.Equal(param, (string)error["param"]!);
        Assert.Contains(message, (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_saying_so()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);

        using var response = await server.Client.PostAsync(new Uri(server.Address, "/v1/chat/completions"), new StringContent("{\"messages\": [", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the body is not valid JSON", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conversation_longer_than_the_context_is_a_400_naming_the_messages()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);
        var body = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = string.Join(' ', Enumerable.Repeat("password", 200)) }) };

        var (status, answer) = await PostAsync(server, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("messages", (string)JsonNode.Parse(answer)!["error"]!["param"]!);
        Assert.Contains("the model's context is 128", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_names_the_onnx_chat_kind_and_metrics_count_chat_requests()
    {
        await using var server = await RunningServer.ServeAsync(TinyChatModel.Directory);
        await PostAsync(server, Body(maxTokens: 2));

        var health = await server.Client.GetStringAsync(new Uri(server.Address, "/health"), Ct);
        var metrics = await server.Client.GetStringAsync(new Uri(server.Address, "/metrics"), Ct);
        var models = JsonNode.Parse(await server.Client.GetStringAsync(new Uri(server.Address, "/v1/models"), Ct))!;

        Assert.Contains("\"kind\":\"onnx-chat\"", health, StringComparison.Ordinal);
        Assert.Contains("/v1/chat/completions", metrics, StringComparison.Ordinal);
        Assert.Equal("support-intent", (string)models["data"]![0]!["id"]!);
    }

    private static JsonObject Body(int maxTokens, bool stream = false) => new()
    {
        ["model"] = "support-sft",
        ["messages"] = new JsonArray([.. TinyChatModel.Question.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
        ["temperature"] = 0,
        ["max_tokens"] = maxTokens,
        ["stream"] = stream,
    };

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(RunningServer server, JsonObject body)
    {
        using var response = await server.Client.PostAsync(new Uri(server.Address, "/v1/chat/completions"), Json(body), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string StreamedText(string events) => string.Concat(events.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
        .Where(e => e != "data: [DONE]")
        .Select(e => (string?)JsonNode.Parse(e["data: ".Length..])!["choices"]![0]!["delta"]!["content"] ?? ""));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
