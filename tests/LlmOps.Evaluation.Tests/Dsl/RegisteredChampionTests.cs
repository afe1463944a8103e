using LlmOps.Evaluation.Tests.Pipelines;

namespace LlmOps.Evaluation.Tests.Dsl;

/// <summary>
/// A champion named by a registry alias, through the real CLI and the local tracker's registry: a cold start before
/// anything is registered, then the aliased version downloaded and scored on the same examples.
/// </summary>
public sealed class RegisteredChampionTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    private string Export => Path.Combine(_root.Root, "export");

    // A passed gate's verdict is its artifact (exported); a failed one's is kept in the state folder.
    private Verdict PassedVerdict() => VerdictJson.Read(File.ReadAllText(Path.Combine(Export, "verdict", VerdictJson.FileName)));

    private Verdict KeptVerdict() =>
        VerdictJson.Read(File.ReadAllText(Path.Combine(_root.Root, ".llmops", "evaluation", "verdicts", "RegisteredChampion.Evaluate", VerdictJson.FileName)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_candidate_worse_than_the_version_the_champion_alias_names_fails_the_paired_comparison(bool asArchive)
    {
        var archive = asArchive ? "true" : "false";
        var (first, output, error) = _root.Run(typeof(RegisteredChampionPipeline), "Promote", "--quality", "0.99", "--as-archive", archive, "--export", Export);
        Assert.True(first == 0, output + error);
        Assert.True(PassedVerdict().ColdStart);
        Assert.Contains("champion is now version 1", _root.StageLog("Promote"));

        var (second, output2, error2) = _root.Run(typeof(RegisteredChampionPipeline), "Evaluate", "--quality", "0.9", "--as-archive", archive);

        Assert.True(second == 1, output2 + error2);
        var verdict = KeptVerdict();
        Assert.False(verdict.ColdStart);
        Assert.Equal("registry model 'lookup-package' alias 'champion'", verdict.Champion);
        Assert.Equal(RuleStatus.Fail, verdict.Rules.Single(r => r.Rule == "vs-champion-accuracy").Status);
        Assert.Contains("downloading the champion: model 'lookup-package' version 1", output2 + error2 + _root.StageLog("Evaluate"));
    }

    [Fact]
    public void Moving_the_alias_to_a_better_version_re_runs_the_gate_and_names_the_champion_as_the_reason()
    {
        Assert.Equal(0, _root.Run(typeof(RegisteredChampionPipeline), "Promote", "--quality", "0.9").Code);
        Assert.Equal(0, _root.Run(typeof(RegisteredChampionPipeline), "Evaluate", "--quality", "0.9").Code);

        Assert.Equal(0, _root.Run(typeof(RegisteredChampionPipeline), "Promote", "--quality", "0.99").Code);
        var (code, output, error) = _root.Run(typeof(RegisteredChampionPipeline), "Evaluate", "--quality", "0.9");

        Assert.True(code == 1, output + error);
        Assert.True((output + error).Contains("champion changed", StringComparison.Ordinal), output + error);
    }

    [Fact]
    public void A_registered_champion_is_a_cold_start_while_the_model_is_not_registered()
    {
        var (code, output, error) = _root.Run(typeof(RegisteredChampionPipeline), "Evaluate", "--export", Export);

        Assert.True(code == 0, output + error);
        Assert.True(PassedVerdict().ColdStart);
        Assert.Equal(RuleStatus.ColdStart, PassedVerdict().Rules.Single(r => r.Rule == "vs-champion-accuracy").Status);
    }
}
