namespace LlmOps.OnnxChat;

/// <summary>
/// Chooses the next token from the logits: greedy at temperature 0, otherwise a draw from the softmax at
/// <see cref="Temperature"/> restricted to the smallest set of most likely tokens whose probability reaches
/// <see cref="TopP"/> (nucleus sampling). A seed makes the draws repeatable, as OpenAI's <c>seed</c> intends.
/// </summary>
public sealed class TokenSampler
{
    private readonly Random _random;

    /// <summary>Creates a sampler.</summary>
    /// <param name="temperature">0 for greedy; otherwise the softmax temperature (0 &lt; t ≤ 2 in OpenAI's API).</param>
    /// <param name="topP">The nucleus: 0 &lt; p ≤ 1.</param>
    /// <param name="seed">The seed of the draws, or null for a random one.</param>
    public TokenSampler(double temperature, double topP, int? seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(temperature);
        if (topP is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(topP), topP, "top_p must be in (0, 1]");
        }

        (Temperature, TopP) = (temperature, topP);
        _random = seed is { } s ? new Random(s) : new Random();
    }

    /// <summary>Always the most likely token.</summary>
    public static TokenSampler Greedy => new(0, 1, 0);

    /// <summary>The softmax temperature; 0 is greedy.</summary>
    public double Temperature { get; }

    /// <summary>The nucleus probability.</summary>
    public double TopP { get; }

    /// <summary>The index of the largest value (the first one on ties, as torch.argmax on CPU).</summary>
    public static int ArgMax(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The chosen token id.</summary>
    public int Next(float[] logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (Temperature == 0)
        {
            return ArgMax(logits);
        }

        var max = logits.Max();
        var probabilities = new double[logits.Length];
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = Math.Exp((logits[i] - max) / Temperature);
            total += probabilities[i];
        }

        // Most likely first, ties by id: a total order, so the in-place sort gives the draws a fixed order without the
        // cost of a stable LINQ sort over the whole vocabulary on every token.
        var order = new int[logits.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => probabilities[b].CompareTo(probabilities[a]) is var byProbability and not 0 ? byProbability : a.CompareTo(b));
        var kept = 0;
        var mass = 0.0;
        while (kept < order.Length && (kept == 0 || mass < TopP * total))
        {
            mass += probabilities[order[kept++]];
        }

        var draw = _random.NextDouble() * mass;
        for (var k = 0; k < kept; k++)
        {
            draw -= probabilities[order[k]];
            if (draw <= 0)
            {
                return order[k];
            }
        }

        return order[kept - 1];
    }
}
