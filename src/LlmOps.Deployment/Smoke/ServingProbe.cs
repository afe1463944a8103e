using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LlmOps.Deployment;

/// <summary>Asks a served model whether it is healthy and runs the smoke cases against it, over plain HTTP.</summary>
internal sealed class ServingProbe(HttpClient http)
{
    // An answer is shown quoted, so an empty or space-only generated answer is visible, and otherwise as it came.
    private static readonly JsonSerializerOptions Quoted = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The version <c>/health</c> reports, or null with the reason it is not healthy (yet).</summary>
    public async Task<(string? Version, string Why)> HealthAsync(Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await http.GetAsync(new Uri(address, "/health"), timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"/health answered {(int)response.StatusCode}: {Reason(body)}");
            }

            using var document = JsonDocument.Parse(body);
            return (document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : "unversioned", "ready");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, e is OperationCanceledException ? "/health did not answer within 3 s" : $"/health did not answer: {e.Message}");
        }
    }

    /// <summary>Polls <c>/health</c> until it is ready, <paramref name="stillRunning"/> says the server died, or the time is up.</summary>
    public async Task<string> WaitHealthyAsync(Uri address, TimeSpan limit, Func<Task<string?>> stillRunning, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var why = "it never answered";
        while (clock.Elapsed < limit)
        {
            if (await stillRunning().ConfigureAwait(false) is { } died)
            {
                throw new DeploymentException(died);
            }

            var (version, reason) = await HealthAsync(address, cancellationToken).ConfigureAwait(false);
            if (version is not null)
            {
                return version;
            }

            why = reason;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        throw new DeploymentException($"it was not healthy within {limit.TotalSeconds:0} s: {why}");
    }

    /// <summary>Runs every case; the failures, one sentence each (empty when all passed).</summary>
    public async Task<IReadOnlyList<string>> SmokeAsync(Uri address, IReadOnlyList<SmokeCase> cases, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var check in cases)
        {
            try
            {
                using var content = new StringContent(check.Body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(address, check.Route), content, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{check.Describe()}: answered {(int)response.StatusCode} {Reason(body)}");
                    continue;
                }

                var actual = Field(body, check.Field);
                if (!check.Accepts(actual))
                {
                    failures.Add($"{check.Describe()}: got {check.Field} = {(actual is null ? "(missing)" : JsonSerializer.Serialize(actual, Quoted))}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                failures.Add($"{check.Describe()}: {e.Message}");
            }
        }

        return failures;
    }

    private static string? Field(string json, string path)
    {
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind == JsonValueKind.Array && int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                if (index < 0 || index >= element.GetArrayLength())
                {
                    return null;
                }

                element = element[index];
                continue;
            }

            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }

    private static string Reason(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? body.Trim()
                : root.TryGetProperty("reason", out var reason) ? reason.GetString() ?? body
                : root.TryGetProperty("title", out var title) ? title.GetString() ?? body
                : root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) ? message.GetString() ?? body // OpenAI's error body
                : body.Trim();
        }
        catch (JsonException)
        {
            return body.Trim();
        }
    }

}
