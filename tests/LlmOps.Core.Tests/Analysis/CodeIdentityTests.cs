namespace LlmOps.Core.Tests.Analysis;

/// <summary>A stage's code identity covers the code it can reach, and nothing else.</summary>
public sealed class CodeIdentityTests
{
    [Fact]
    public void The_same_source_built_twice_gives_the_same_identities()
    {
        var (before, after) = Variant.Compare(FlowSource.Both, FlowSource.Both);

        AssertSame(before, after, "Flow.Validate", "Flow.Train", "Flow.Report", "Side.Tidy");
        Assert.All(before.Values, a => Assert.True(a.IsComplete, a.WholeAssemblyNote));
    }

    [Fact]
    public void Comments_and_blank_lines_change_no_stage()
    {
        var (before, after) = Variant.Compare(FlowSource.Both, FlowSource.Commented);

        AssertSame(before, after, "Flow.Validate", "Flow.Train", "Flow.Report", "Side.Tidy");
    }

    [Fact]
    public void Editing_another_pipeline_changes_no_stage_of_this_one()
    {
        var (before, after) = Variant.Compare(FlowSource.Both, FlowSource.SideEdited);

        AssertSame(before, after, "Flow.Validate", "Flow.Train", "Flow.Report");
        Assert.NotEqual(before["Side.Tidy"].CodeHash, after["Side.Tidy"].CodeHash);
    }

    [Fact]
    public void Editing_a_helper_of_Train_changes_Train_and_no_other_stage()
    {
        var (before, after) = Variant.Compare(FlowSource.Both, FlowSource.TrainHelperEdited);

        Assert.NotEqual(before["Flow.Train"].CodeHash, after["Flow.Train"].CodeHash);
        AssertSame(before, after, "Flow.Validate", "Flow.Report", "Side.Tidy");
    }

    [Fact]
    public void A_stage_added_above_renumbers_the_compilers_names_but_changes_no_other_stage()
    {
        var (before, after) = Variant.Compare(FlowSource.Both, FlowSource.StageAddedAbove);

        AssertSame(before, after, "Flow.Validate", "Flow.Train", "Flow.Report", "Side.Tidy");
    }

    [Fact]
    public void Which_lambda_goes_to_which_argument_is_part_of_the_identity()
    {
        const string Source = """
            public sealed class PairPipeline : Pipeline
            {
                Stage Train => _ => _.Executes(ctx => ctx.Log(Pair.Combine(() => 1, () => 2).ToString()));
            }

            public static class Pair
            {
                public static int Combine(Func<int> first, Func<int> second) => (first() * 10) + second();
            }
            """;

        var (before, after) = Variant.Compare(Source, Source.Edit("() => 1, () => 2", "() => 2, () => 1"));

        Assert.NotEqual(before["Pair.Train"].CodeHash, after["Pair.Train"].CodeHash);
    }

    [Fact]
    public void Recursive_helpers_are_hashed_and_an_edit_inside_the_cycle_is_seen()
    {
        const string Source = """
            public sealed class CyclePipeline : Pipeline
            {
                Stage Train => _ => _.Executes(ctx => ctx.Log((Parity.IsEven(10) ? Parity.Factorial(5) : 0).ToString()));
            }

            public static class Parity
            {
                public static bool IsEven(int n) => n == 0 || IsOdd(n - 1);

                public static bool IsOdd(int n) => n != 0 && IsEven(n - 1);

                public static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
            }
            """;

        var (same, again) = Variant.Compare(Source, Source);
        var (before, after) = Variant.Compare(Source, Source.Edit("n != 0 && IsEven(n - 1)", "n != 0 && IsEven(n - 1) && n > -1"));

        Assert.Equal(same["Cycle.Train"].CodeHash, again["Cycle.Train"].CodeHash);
        Assert.True(before["Cycle.Train"].IsComplete, before["Cycle.Train"].WholeAssemblyNote);
        Assert.NotEqual(before["Cycle.Train"].CodeHash, after["Cycle.Train"].CodeHash);
    }

    [Fact]
    public void Shared_state_another_stage_sets_through_a_setter_is_part_of_the_readers_code()
    {
        const string Source = """
            public sealed class StatePipeline : Pipeline
            {
                Stage Configure => _ => _.Executes(ctx => Settings.Threshold = 5);

                Stage Train => _ => _.DependsOn(Configure).Executes(ctx => ctx.Log(Settings.Threshold.ToString()));

                Stage Report => _ => _.DependsOn(Train).Executes(ctx => ctx.Log("done"));
            }

            public static class Settings
            {
                public static int Threshold { get; set; }
            }
            """;

        var (before, after) = Variant.Compare(Source, Source.Edit("Threshold = 5", "Threshold = 6"));

        Assert.True(before["State.Train"].IsComplete, before["State.Train"].WholeAssemblyNote);
        Assert.NotEqual(before["State.Train"].CodeHash, after["State.Train"].CodeHash);
        Assert.Equal(before["State.Report"].CodeHash, after["State.Report"].CodeHash);
    }

    private static void AssertSame(IReadOnlyDictionary<string, StageCodeAnalysis> before, IReadOnlyDictionary<string, StageCodeAnalysis> after, params string[] stages)
    {
        foreach (var stage in stages)
        {
            Assert.True(before[stage].CodeHash == after[stage].CodeHash, $"{stage} changed");
        }
    }
}
