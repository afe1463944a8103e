using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace LlmOps.Deployment.Tests;

/// <summary>Smoke cases for a chat model: what they ask /v1/chat/completions and how they judge OpenAI-shaped answers.</summary>
public sealed class ChatSmokeTests
{
    private const string Answer = """
        {"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Open Settings > Security and choose Reset password."}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 9, "completion_tokens": 9, "total_tokens": 18}}
        """;

    [Fact]
    public void A_chat_case_asks_greedily_with_the_system_message_first()
    {
        var check = Assert.Single(new SmokeChecks().ExpectChat("How do I reset my password?", contains: "password", system: "Be brief.", maxTokens: 12).Cases);
        var body = JsonNode.Parse(check.Body)!;

        Assert.Equal("/v1/chat/completions", check.Route);
        Assert.Equal(0, (int)body["temperature"]!);
        Assert.Equal(12, (int)body["max_tokens"]!);
        Assert.Equal(["system", "user"], body["messages"]!.AsArray().Select(m => (string)m!["role"]!));
    }

    [Theory]
    [InlineData("PASSWORD", true)]
    [InlineData("refund", false)]
    public async Task A_contains_case_judges_the_first_choice_s_text_ignoring_case(string expected, bool passes)
    {
        var cases = new SmokeChecks().ExpectChat("How do I reset my password?", contains: expected).Cases;

        var failures = await Probe(HttpStatusCode.OK, Answer).SmokeAsync(new Uri("http://127.0.0.1:9/"), cases, TestContext.Current.CancellationToken);

        if (passes)
        {
            Assert.Empty(failures);
        }
        else
        {
            Assert.Contains("got choices.0.message.content = \"Open Settings > Security and choose Reset password.\"", Assert.Single(failures), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(@"^Open .* password\.$", true)]
    [InlineData(@"^Go to", false)]
    public async Task A_pattern_case_matches_the_answer_as_a_regular_expression(string pattern, bool passes)
    {
        var cases = new SmokeChecks().ExpectChatMatching("How do I reset my password?", pattern).Cases;

        var failures = await Probe(HttpStatusCode.OK, Answer).SmokeAsync(new Uri("http://127.0.0.1:9/"), cases, TestContext.Current.CancellationToken);

        Assert.Equal(passes, failures.Count == 0);
    }

    [Fact]
    public async Task An_openai_error_body_becomes_the_reason_of_the_failure()
    {
        var cases = new SmokeChecks().ExpectChat("hi", contains: "x").Cases;
        const string error = """{"error": {"message": "messages: the conversation is 300 tokens and the model's context is 256", "type": "invalid_request_error", "param": "messages", "code": null}}""";

        var failures = await Probe(HttpStatusCode.BadRequest, error).SmokeAsync(new Uri("http://127.0.0.1:9/"), cases, TestContext.Current.CancellationToken);

        Assert.Contains("answered 400 messages: the conversation is 300 tokens", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_is_not_a_regular_expression_is_refused_when_the_pipeline_is_defined()
    {
        var error = Assert.Throws<ArgumentException>(() => new SmokeChecks().ExpectChatMatching("hi", "(unclosed"));

        Assert.Contains("smoke pattern '(unclosed' is not a regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classifier_cases_still_compare_the_label_exactly()
    {
        var cases = new SmokeChecks().Expect("where is my parcel", "ship").Cases;

        var failures = await Probe(HttpStatusCode.OK, """{"label": "shipping"}""").SmokeAsync(new Uri("http://127.0.0.1:9/"), cases, TestContext.Current.CancellationToken);

        Assert.Contains("got label = \"shipping\"", Assert.Single(failures), StringComparison.Ordinal);
    }

    private static ServingProbe Probe(HttpStatusCode status, string body) => new(new HttpClient(new Answering(status, body)));

    private sealed class Answering(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
