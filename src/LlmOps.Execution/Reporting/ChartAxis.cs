namespace LlmOps.Execution;

/// <summary>
/// The y-axis of a metric chart, honest about scale: it starts at zero unless the values vary by less than a quarter
/// of their size, where a zero-based axis would draw a flat line; then it is zoomed and <see cref="Broken"/>, and the
/// chart draws the break and says where the axis starts, so 0.9646 → 0.9649 does not read as a cliff.
/// </summary>
/// <param name="Low">The axis's lowest value.</param>
/// <param name="High">The axis's highest value.</param>
/// <param name="Broken">Whether the axis leaves out the stretch down to (or up to) zero.</param>
public readonly record struct ChartAxis(double Low, double High, bool Broken)
{
    // Below this share of the zero-based range, the variation would be invisible on a zero-based axis.
    private const double ZoomBelow = 0.25;

    /// <summary>The axis for values between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static ChartAxis For(double min, double max)
    {
        if (min < 0 && max > 0)
        {
            return new ChartAxis(min, max, Broken: false);
        }

        var magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
        if (magnitude == 0)
        {
            return new ChartAxis(0, 1, Broken: false);
        }

        var range = max - min;
        if (range == 0 || range >= ZoomBelow * magnitude)
        {
            return min >= 0 ? new ChartAxis(0, max, Broken: false) : new ChartAxis(min, 0, Broken: false);
        }

        var pad = range * 0.1;
        return new ChartAxis(min - pad, max + pad, Broken: true);
    }
}
