namespace LlmOps.Serving.Hosting;

/// <summary>Whether the loaded model answered its warm-up request, and why not.</summary>
/// <param name="Ready">The model answers.</param>
/// <param name="Reason">Why it does not, or null.</param>
public sealed record ModelHealth(bool Ready, string? Reason)
{
    /// <summary>Runs the warm-up and records the outcome; a throwing model is unhealthy, not a crashed server.</summary>
    public static ModelHealth Check(Action warmUp)
    {
        try
        {
            warmUp();
            return new ModelHealth(true, null);
        }
#pragma warning disable CA1031 // any failure of the model's own code means "cannot answer", reported by /health
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new ModelHealth(false, $"the model failed its warm-up request: {e.GetType().Name}: {e.Message}");
        }
    }
}
