using LlmOps.Serving.Models;
using LlmOps.Serving.Routing;

namespace LlmOps.Serving.Hosting;

/// <summary>
/// The command line: <c>serve</c> (the default) serves a model, <c>route</c> runs the blue/green router, <c>probe URL</c>
/// exits 0 when the URL answers 2xx (the image's HEALTHCHECK, which needs no curl in the image).
/// </summary>
public static class ServingCommand
{
    /// <summary>Runs the command; usage and model errors are one line on <paramref name="error"/> and a non-zero exit.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var (command, rest) = args is [var first, .. var tail] && !first.StartsWith("--", StringComparison.Ordinal) ? (first, tail) : ("serve", args);
        try
        {
            switch (command)
            {
                case "serve":
                    var options = ServingOptions.Parse(rest, Environment.GetEnvironmentVariable);
                    await using (var app = ServingApp.Build(options))
                    {
                        await output.WriteLineAsync($"llmops-serving: {options.Name} {options.Version} from {options.ModelDirectory} on {options.Urls}");
                        await app.RunAsync();
                    }

                    return 0;
                case "route":
                    await using (var router = RouterApp.Build(rest))
                    {
                        await router.RunAsync();
                    }

                    return 0;
                case "probe":
                    return await ProbeAsync(rest, error);
                default:
                    throw new UsageException($"unknown command '{command}': use serve, route or probe");
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync("llmops-serving: " + e.Message);
            return 2;
        }
        catch (ModelLoadException e)
        {
            await error.WriteLineAsync("llmops-serving: cannot serve the model: " + e.Message);
            return 3;
        }
    }

    private static async Task<int> ProbeAsync(string[] args, TextWriter error)
    {
        if (args is not [var url] || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new UsageException("probe needs one absolute URL, e.g. probe http://127.0.0.1:8080/health");
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(uri);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"llmops-serving: {uri} did not answer: {e.Message}");
            return 1;
        }
    }
}
