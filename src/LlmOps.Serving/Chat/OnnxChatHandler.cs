using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.OnnxChat;
using LlmOps.Serving.Models;
using Microsoft.AspNetCore.Http.Features;

namespace LlmOps.Serving.Chat;

/// <summary>
/// Serves an exported chat model with OpenAI's chat completions API: <c>POST /v1/chat/completions</c> (messages,
/// temperature, top_p, max_tokens, stop, seed, and <c>stream</c> as server-sent events ending in <c>data: [DONE]</c>)
/// and <c>GET /v1/models</c>, so any OpenAI client, and the evaluation gate's <c>IChatClient</c>, can call it.
/// </summary>
internal sealed class OnnxChatHandler(OnnxChatModel model) : IModelHandler
{
    private static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/chat/completions", AnswerAsync);
        endpoints.MapGet("/v1/models", (ServedModel served) => Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["id"] = served.Name, ["object"] = "model", ["created"] = 0, ["owned_by"] = "llmops", ["version"] = served.Version }),
        }));
    }

    public void WarmUp() => ChatGeneration.Complete(model, [new ChatMessage("user", "Hello")], new ChatSettings(MaxTokens: 2, Temperature: 0), CancellationToken.None);

    public void Dispose() => model.Dispose();

    private async Task AnswerAsync(HttpContext http, ServedModel served)
    {
        ChatCompletionRequest request;
        IEnumerable<ChatDelta> pieces;
        try
        {
            request = ChatCompletionRequest.Parse(await ReadBodyAsync(http).ConfigureAwait(false));
            pieces = ChatGeneration.Stream(model, request.Messages, request.Settings, http.RequestAborted);
        }
        catch (RequestError e)
        {
            await e.ToResult().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        catch (ChatModelException e)
        {
            await new RequestError(e.Message, "messages").ToResult().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var json = new ChatCompletionJson(served.Name);
        if (!request.Stream)
        {
            await Results.Json(json.Completion(ChatGeneration.Join(pieces))).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await SendAsync(http, json.Chunk("assistant", "", null, request.IncludeUsage)).ConfigureAwait(false);
        ChatDelta? final = null;
        foreach (var piece in pieces)
        {
            if (piece.Text.Length > 0)
            {
                await SendAsync(http, json.Chunk(null, piece.Text, null, request.IncludeUsage)).ConfigureAwait(false);
            }

            final = piece;
        }

        await SendAsync(http, json.Chunk(null, null, final!.Finish ?? FinishReason.Length, request.IncludeUsage)).ConfigureAwait(false);
        if (request.IncludeUsage)
        {
            await SendAsync(http, json.UsageChunk(final.PromptTokens, final.CompletionTokens)).ConfigureAwait(false);
        }

        await http.Response.Body.WriteAsync(Done, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RequestError($"the body is not valid JSON: line {e.LineNumber + 1}: {e.Message.Split(". ")[0]}", null);
        }
    }

    private static async Task SendAsync(HttpContext http, JsonObject chunk)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + chunk.ToJsonString() + "\n\n"), http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }
}
