using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace LlmOps.Evaluation;

/// <summary>
/// Answers from an <see cref="IChatClient"/> (any OpenAI-compatible endpoint, including a model this project serves):
/// at most <see cref="Concurrency"/> requests at once, transient failures retried with backoff, and every response
/// kept in a <see cref="ResponseCache"/> keyed by the model's digest, the prompt and the decoding parameters.
/// </summary>
/// <param name="client">The chat client.</param>
/// <param name="options">Decoding parameters (temperature, max tokens, model id); part of the cache key.</param>
/// <param name="cacheDirectory">Where responses are kept, or null for no cache.</param>
public sealed class ChatPredictor(IChatClient client, ChatOptions? options = null, string? cacheDirectory = null) : IPredictor
{
    /// <summary>Requests in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Retries of a failed request (HTTP errors, timeouts) before the stage fails.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where responses are kept; a gate stage sets <c>.llmops/evaluation/responses</c> when none was given.</summary>
    public string? CacheDirectory { get; internal set; } = cacheDirectory;

    /// <summary>Requests answered from the cache in the last call.</summary>
    public int CacheHits => _hits;

    private int _hits;

    /// <inheritdoc />
    public string Describe() => $"chat:{Decoding()}";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Prediction>> PredictAsync(string modelDirectory, IReadOnlyList<EvalExample> examples, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        _hits = 0;
        var digest = ModelDigest.Of(modelDirectory);
        var decoding = Decoding();
        var cache = CacheDirectory is null ? null : new ResponseCache(CacheDirectory);
        var retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, Retries),
            Delay = RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutException>().Handle<IOException>(),
            OnRetry = a => { log($"retrying a request ({a.AttemptNumber + 1}/{Retries}): {a.Outcome.Exception?.Message}"); return ValueTask.CompletedTask; },
        }).Build();
        var answers = new Prediction[examples.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, examples.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Concurrency), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var key = ResponseCache.Key(digest, examples[i].Input, decoding);
                if (cache?.Get(key) is { } kept)
                {
                    Interlocked.Increment(ref _hits);
                    answers[i] = new Prediction(kept.Text, null, kept.LatencyMilliseconds, kept.InputTokens, kept.OutputTokens);
                    return;
                }

                var clock = Stopwatch.StartNew();
                var response = await retry.ExecuteAsync(
                    async t => await client.GetResponseAsync([new ChatMessage(ChatRole.User, examples[i].Input)], options?.Clone(), t), token);
                var answer = new CachedResponse(response.Text, clock.Elapsed.TotalMilliseconds, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
                cache?.Put(key, answer);
                answers[i] = new Prediction(answer.Text, null, answer.LatencyMilliseconds, answer.InputTokens, answer.OutputTokens);
            });
        log($"{examples.Count} responses, {_hits} from the cache");
        return answers;
    }

    private string Decoding() => JsonSerializer.Serialize(new
    {
        model = options?.ModelId,
        temperature = options?.Temperature,
        topP = options?.TopP,
        maxTokens = options?.MaxOutputTokens,
        seed = options?.Seed,
        stop = options?.StopSequences,
    });
}
