namespace LlmOps.Deployment.Tests;

public sealed class TargetStateTests
{
    [Fact]
    public void The_previous_version_is_the_one_activated_before_the_active_one()
    {
        var state = TargetState.Empty.Activated("v-1", null!).Activated("v-2", null!).Activated("v-3", null!);

        Assert.Equal("v-2", state.PreviousOf("v-3"));
        Assert.Null(state.PreviousOf("v-1"));
    }

    [Fact]
    public void Reactivating_a_version_moves_it_to_the_end_of_the_history()
    {
        var state = TargetState.Empty.Activated("v-1", null!).Activated("v-2", null!).Activated("v-1", null!);

        Assert.Equal(["v-2", "v-1"], state.History);
    }

    [Fact]
    public void Versions_beyond_the_bound_never_include_the_active_one()
    {
        var state = TargetState.Empty.Activated("v-1", null!).Activated("v-2", null!).Activated("v-3", null!) with { Active = "v-1" };

        Assert.Equal(["v-2"], state.Beyond(1));
        Assert.DoesNotContain("v-1", state.Beyond(1));
    }
}
