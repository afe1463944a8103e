using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Contract;

/// <summary>
/// Replays each recorded smoke/probe transcript against the fake server, in order, and checks every status code and
/// error_code matches what the real MLflow answered. Ids the real server generated are mapped to the fake's ids.
/// </summary>
public sealed partial class TranscriptReplayTests
{
    // Endpoints the fake does not implement (the library does not use them); their blocks are skipped, not faked.
    private static readonly string[] Unimplemented =
    [
        "/artifacts/list", "/get-artifact", "transition-stage", "get-latest-versions", "get-download-uri", "delete-tag",
        "registered-models/update", "registered-models/set-tag", "model-versions/delete", "registered-models/delete",
        "mlflow-artifacts/mpu", "server-features", "experiments/search -d {}", "/etc/passwd", "-X DELETE http",
    ];

    // The minimum number of replayed blocks guards against a parser change that silently skips most of a file.
    public static TheoryData<string, MlflowServerVersion, int> Transcripts => new()
    {
        { "smoke-2.10.2.log", MlflowServerVersion.V2_10_2, 15 },
        { "smoke-2.17.2.log", MlflowServerVersion.V2_17_2, 15 },
        { "smoke-3.6.1dev.log", MlflowServerVersion.V3_6, 15 },
        { "probe-2.17.2.log", MlflowServerVersion.V2_17_2, 15 },
        { "probe-3.6.1dev.log", MlflowServerVersion.V3_6, 15 },
        { "uvicorn-chunked-3.6.1dev.log", MlflowServerVersion.V3_6, 3 },
    };

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Fake_server_answers_like_the_recorded_server(string file, MlflowServerVersion version, int minimumBlocks)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var checkedBlocks = 0;
        var mismatches = new List<string>();

        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Contract", "Transcripts", file), TestContext.Current.CancellationToken);
        if (file.StartsWith("probe", StringComparison.Ordinal))
        {
            // The probes ran on a server where experiments 1 and 2 and the model "probe-model-<ts>" (with version 1) already existed.
            var ct = TestContext.Current.CancellationToken;
            var model = ProbeModelPattern().Match(text).Value;
            await http.PostAsync("/api/2.0/mlflow/experiments/create", Json("{\"name\":\"pre-1\"}"), ct);
            await http.PostAsync("/api/2.0/mlflow/experiments/create", Json("{\"name\":\"pre-2\"}"), ct);
            await http.PostAsync("/api/2.0/mlflow/registered-models/create", Json($"{{\"name\":\"{model}\"}}"), ct);
            await http.PostAsync("/api/2.0/mlflow/model-versions/create", Json($"{{\"name\":\"{model}\",\"source\":\"runs:/x/model\"}}"), ct);

            // ...and the run the probes log into (not the one their first request creates).
            var probeRun = ProbeRunPattern().Match(text).Groups[1].Value;
            using var created = await http.PostAsync("/api/2.0/mlflow/runs/create", Json("{\"experiment_id\":\"2\"}"), ct);
            ids[probeRun] = RunIdPattern().Match(await created.Content.ReadAsStringAsync(ct)).Groups[1].Value;
        }

        foreach (var block in Parse(text))
        {
            if (block.Status is null || Unimplemented.Any(u => block.Request.Contains(u, StringComparison.Ordinal)) || !TryBuild(block.Request, ids, out var request))
            {
                continue;
            }

            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Learn(block.Response, body, ids);
            checkedBlocks++;
            var code = ErrorCode(body);
            if ((int)response.StatusCode != block.Status || code != block.ErrorCode)
            {
                mismatches.Add($"{block.Request[..Math.Min(120, block.Request.Length)]}: recorded {block.Status} {block.ErrorCode}, fake {(int)response.StatusCode} {code}");
            }
        }

        Assert.True(checkedBlocks >= minimumBlocks, $"only {checkedBlocks} blocks were replayed from {file}");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool TryBuild(string line, Dictionary<string, string> ids, out HttpRequestMessage request)
    {
        request = null!;
        foreach (var (recorded, fake) in ids)
        {
            line = line.Replace(recorded, fake, StringComparison.Ordinal);
        }

        line = line.Replace("RUN", ids.GetValueOrDefault("RUN") ?? "RUN", StringComparison.Ordinal);
        string method, target;
        string? body = null;
        string? contentType = null;
        var chunked = false;
        var curl = CurlPattern().Match(line);
        if (line.StartsWith("-X ", StringComparison.Ordinal) || line.StartsWith("-H ", StringComparison.Ordinal) || line.StartsWith("http", StringComparison.Ordinal) || line.StartsWith("/", StringComparison.Ordinal) && !MethodPattern().IsMatch(line))
        {
            if (!curl.Success)
            {
                return false;
            }

            method = curl.Groups["m"].Success ? curl.Groups["m"].Value : "GET";
            contentType = curl.Groups["ct"].Success ? curl.Groups["ct"].Value : null;
            target = new Uri(new Uri("http://x"), curl.Groups["url"].Value).PathAndQuery;
            body = curl.Groups["body"].Success ? curl.Groups["body"].Value : null;
            chunked = curl.Groups["te"].Success;
            if (line.Contains("-H Host:", StringComparison.Ordinal) || line.Contains("-H Origin:", StringComparison.Ordinal))
            {
                return false;
            }
        }
        else
        {
            var m = MethodPattern().Match(line);
            if (!m.Success)
            {
                return false;
            }

            method = m.Groups[1].Value;
            target = m.Groups[2].Value;
            body = m.Groups[3].Success ? m.Groups[3].Value : null;
            contentType = method is "POST" or "PUT" or "PATCH" or "DELETE" && body is not null ? "application/json" : null;
        }

        if (target.Contains("TS", StringComparison.Ordinal) || (body?.Contains("TS", StringComparison.Ordinal) ?? false))
        {
            var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            target = target.Replace("TS", ts, StringComparison.Ordinal);
            body = body?.Replace("\"TS\"", $"\"{ts}\"", StringComparison.Ordinal).Replace("TS", ts, StringComparison.Ordinal);
        }

        request = new HttpRequestMessage(new HttpMethod(method), target);
        if (method == "PUT" && target.Contains("mlflow-artifacts", StringComparison.Ordinal))
        {
            request.Content = new ByteArrayContent("hello from replay\n"u8.ToArray());
        }
        else if (body is not null && chunked)
        {
            request.Content = new UnsizedContent(body, contentType ?? "application/json");
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        return true;
    }

    private static void Learn(string recorded, string actual, Dictionary<string, string> ids)
    {
        var r = RunIdPattern().Match(recorded);
        var a = RunIdPattern().Match(actual);
        if (r.Success && a.Success && !ids.ContainsKey(r.Groups[1].Value))
        {
            ids[r.Groups[1].Value] = a.Groups[1].Value;
            ids.TryAdd("RUN", a.Groups[1].Value);
            ids["RUN"] = a.Groups[1].Value;
        }
    }

    private static string? ErrorCode(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("error_code", out var c) ? c.GetString() : null;
    }

    private static IEnumerable<Block> Parse(string text)
    {
        foreach (var chunk in text.Split("\n### ").Select(c => c.TrimStart('#', ' ')))
        {
            var lines = chunk.Split('\n');
            var statusLine = lines.LastOrDefault(l => l.StartsWith("HTTP ", StringComparison.Ordinal));
            int? status = statusLine is not null && int.TryParse(statusLine[5..].Trim(), out var s) ? s : null;
            var response = string.Join('\n', lines.Skip(1).TakeWhile(l => !l.StartsWith("HTTP ", StringComparison.Ordinal)));
            yield return new Block(lines[0].Trim(), response, status, ErrorCodeOrNull(response));
        }

        static string? ErrorCodeOrNull(string response)
        {
            var m = Regex.Match(response, "\"error_code\": \"([A-Z_]+)\"");
            return m.Success ? m.Groups[1].Value : null;
        }
    }

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE) (\\S+)(?: (.+))?$")]
    private static partial Regex MethodPattern();

    [GeneratedRegex("^(?:-X (?<m>[A-Z]+) )?(?:-H Content-Type: (?<ct>application/[\\w-]+(?:; charset=utf-8)?) )?(?:-H Transfer-Encoding: (?<te>chunked) )?(?:--data-binary \\S+ )?(?<url>\\S+)(?: -d (?<body>.+))?$")]
    private static partial Regex CurlPattern();

    [GeneratedRegex("log-metric -d \\{\"run_id\":\"([0-9a-f]{32})\"")]
    private static partial Regex ProbeRunPattern();

    [GeneratedRegex("probe-model-\\d+")]
    private static partial Regex ProbeModelPattern();

    [GeneratedRegex("\"run_id\": \"([0-9a-f]{32})\"")]
    private static partial Regex RunIdPattern();

    private sealed record Block(string Request, string Response, int? Status, string? ErrorCode);
}
