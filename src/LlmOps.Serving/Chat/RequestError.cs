using System.Text.Json.Nodes;

namespace LlmOps.Serving.Chat;

/// <summary>
/// A request the API refuses, answered as OpenAI does (<c>{"error": {"message", "type", "param", "code"}}</c>), so an
/// OpenAI client raises it with the message that names the field.
/// </summary>
internal sealed class RequestError(string message, string? param, int status = StatusCodes.Status400BadRequest, string type = "invalid_request_error")
    : Exception(message)
{
    public int Status { get; } = status;

    public IResult ToResult() => Results.Json(Body(), statusCode: Status);

    public JsonObject Body() => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = Message,
            ["type"] = type,
            ["param"] = param,
            ["code"] = null,
        },
    };
}
