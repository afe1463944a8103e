namespace LlmOps.Core.Tests.Execution;

/// <summary>Statuses became enums; run.json files written before that still read, and new ones look the same.</summary>
public sealed class RunJsonCompatibilityTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Execution", "Fixtures", "run-before-enums.json");

    [Fact]
    public void A_run_json_written_with_string_statuses_reads_back_and_is_rewritten_byte_for_byte()
    {
        using var repo = new TempRepo();
        var original = File.ReadAllText(Fixture);
        var path = Path.Combine(repo.Runs.RunDirectory("20261128-181500-3f2a"), "run.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, original);

        var run = repo.Runs.Load("20261128-181500-3f2a")!;

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(Enum.GetValues<StageStatus>(), run.Stages.Select(s => s.Status));
        repo.Runs.Save(run);
        Assert.Equal(original, File.ReadAllText(path));
    }

    [Fact]
    public void Statuses_are_written_in_kebab_case()
    {
        using var repo = new TempRepo();
        repo.Runs.Save(new RunRecord
        {
            RunId = "20261128-181500-0001",
            Arguments = [],
            Targets = [],
            Parameters = new Dictionary<string, string>(),
            Status = RunStatus.Interrupted,
            Stages = [new StageRecord { Id = "X.A", Status = StageStatus.NotRun }],
        });

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(repo.Runs.RunDirectory("20261128-181500-0001"), "run.json")));

        Assert.Equal("interrupted", json.RootElement.GetProperty("Status").GetString());
        Assert.Equal("not-run", json.RootElement.GetProperty("Stages")[0].GetProperty("Status").GetString());
    }
}
