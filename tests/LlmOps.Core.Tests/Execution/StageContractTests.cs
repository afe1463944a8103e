using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class StageContractTests
{
    private static (AppResult Result, StageRecord Stage) RunOne(TempRepo repo, string stage, params string[] args)
    {
        var result = repo.Run(typeof(ContractPipeline), [stage, .. args]);
        return (result, repo.Stage(repo.LatestRun(), "Contract." + stage));
    }

    [Fact]
    public void A_stage_writing_into_its_input_fails_and_the_store_stays_intact()
    {
        using var repo = new TempRepo();
        if (PermissionProbe.WritesReadOnlyFiles(repo.Root))
        {
            Assert.Skip("This process writes to read-only files anyway (root or CAP_DAC_OVERRIDE), so read-only store objects cannot refuse the write here.");
        }

        var (result, stage) = RunOne(repo, "WritesInput");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.StartsWith("UnauthorizedAccessException:", stage.Reason);
        var rows = repo.Stage(repo.LatestRun(), "Contract.Produce").Outputs["rows"];
        var environment = new RunEnvironment(new ExecutionOptions { RootDirectory = repo.Root });
        Assert.Null(environment.Store.Verify(rows));
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(environment.Store.Materialize(rows), "rows.txt")));
    }

    [Fact]
    public void Whatever_a_stage_does_to_its_input_the_next_run_sees_the_artifact_whole()
    {
        using var repo = new TempRepo();
        RunOne(repo, "WritesInput");

        // Where the write got through (permissions overridden), Produce's stored artifact no longer verifies and is rebuilt.
        var (result, produce) = RunOne(repo, "Produce");

        Assert.True(result.ExitCode == 0, result.ToString());
        var environment = new RunEnvironment(new ExecutionOptions { RootDirectory = repo.Root });
        var rows = produce.Outputs["rows"];
        Assert.Null(environment.Store.Verify(rows));
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(environment.Store.Materialize(rows), "rows.txt")));
    }

    [Fact]
    public void Reading_an_artifact_without_declaring_it_fails_with_advice()
    {
        using var repo = new TempRepo();

        var (_, stage) = RunOne(repo, "ReadsUndeclared");

        Assert.Equal("Contract.ReadsUndeclared reads artifact 'rows' but does not declare .Consumes(rows); declare it so the plan and the cache key know about it.", stage.Reason);
    }

    [Fact]
    public void Writing_an_artifact_without_declaring_it_fails()
    {
        using var repo = new TempRepo();

        var (_, stage) = RunOne(repo, "WritesUndeclared");

        Assert.Equal("Contract.WritesUndeclared writes artifact 'notes' but does not declare .Produces(notes).", stage.Reason);
    }

    [Fact]
    public void Declaring_an_output_and_not_writing_it_fails()
    {
        using var repo = new TempRepo();

        var (_, stage) = RunOne(repo, "ForgetsOutput");

        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.StartsWith("it declares .Produces(notes) but did not write it", stage.Reason);
        Assert.False(Directory.Exists(Path.Combine(repo.StateDirectory, "cache", "entries")));
    }

    [Fact]
    public void A_declared_environment_variable_is_part_of_the_cache_key()
    {
        using var repo = new TempRepo();
        const string name = "LLMOPS_CORE_TESTS_GPU";
        repo.Environment[name] = "a100";
        RunOne(repo, "EnvironmentKeyed", "--environment-name", name);
        RunOne(repo, "EnvironmentKeyed", "--environment-name", name);
        repo.Environment[name] = "h100";

        var (_, stage) = RunOne(repo, "EnvironmentKeyed", "--environment-name", name);

        Assert.Equal(2, repo.Trace().Count);
        Assert.Equal($"ran: environment {name} a100 -> h100", stage.Reason);
    }
}
