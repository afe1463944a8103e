using System.Text.Json;

namespace LlmOps.Tracking.Mlflow;

/// <summary>Turns a failed response into an <see cref="MlflowException"/>, whatever the body: JSON, Flask's HTML or 3.x's plain text.</summary>
internal static class MlflowErrorParser
{
    private const int MaxMessageLength = 500;

    internal static string Endpoint(HttpRequestMessage? request) =>
        request?.RequestUri is null ? "(unknown endpoint)" : $"{request.Method} {request.RequestUri.AbsolutePath}";

    internal static async Task<MlflowException> FromResponseAsync(HttpResponseMessage response)
    {
        var endpoint = Endpoint(response.RequestMessage);
        var status = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            body = "";
        }

        var (code, message) = Parse(body);
        if (string.IsNullOrWhiteSpace(message))
        {
            message = response.ReasonPhrase ?? "no details";
        }

        return new MlflowException(endpoint, status, code, message);
    }

    internal static (string? Code, string Message) Parse(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                var root = doc.RootElement;
                var code = root.TryGetProperty("error_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var msg = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (code is not null || msg is not null)
                {
                    return (code, Shorten(msg ?? ""));
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through and report it as text.
            }
        }

        return (null, Shorten(StripHtml(trimmed)));
    }

    private static string StripHtml(string text)
    {
        if (!text.StartsWith('<'))
        {
            return text;
        }

        var title = System.Text.RegularExpressions.Regex.Match(text, "<title>(.*?)</title>", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline);
        if (title.Success)
        {
            return title.Groups[1].Value.Trim();
        }

        return System.Text.RegularExpressions.Regex.Replace(text, "<[^>]+>", " ").Trim();
    }

    private static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= MaxMessageLength ? single : single[..MaxMessageLength] + "...";
    }
}
