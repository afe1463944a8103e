namespace LlmOps.Core.Tests.Observability;

public sealed class ChartAxisTests
{
    [Fact]
    public void A_loss_curve_falling_from_two_to_near_zero_starts_at_zero()
    {
        Assert.Equal(new ChartAxis(0, 2, Broken: false), ChartAxis.For(0.05, 2));
    }

    [Fact]
    public void A_tiny_change_near_one_is_zoomed_only_with_a_stated_break()
    {
        var axis = ChartAxis.For(0.9646, 0.9649);

        Assert.True(axis.Broken);
        Assert.InRange(axis.Low, 0.964, 0.9646);
        Assert.InRange(axis.High, 0.9649, 0.965);
    }

    [Fact]
    public void Values_on_both_sides_of_zero_need_no_break_and_negative_values_end_at_zero()
    {
        Assert.Equal(new ChartAxis(-1, 2, Broken: false), ChartAxis.For(-1, 2));
        Assert.Equal(new ChartAxis(-3, 0, Broken: false), ChartAxis.For(-3, -1));
        Assert.Equal(new ChartAxis(0, 0.5, Broken: false), ChartAxis.For(0.5, 0.5));
        Assert.Equal(new ChartAxis(0, 1, Broken: false), ChartAxis.For(0, 0));
    }
}
