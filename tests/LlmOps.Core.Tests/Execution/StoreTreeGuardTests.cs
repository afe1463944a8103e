using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

/// <summary>Inputs are read-only to stages, also where file modes do not stop a write (root): the executor checks.</summary>
public sealed class StoreTreeGuardTests
{
    [Fact]
    public void A_stage_that_replaces_an_input_file_by_rename_fails_and_the_next_reader_sees_the_artifact_whole()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ContractPipeline), "ReplacesInput");

        Assert.Equal(1, result.ExitCode);
        var reason = repo.Stage(repo.LatestRun(), "Contract.ReplacesInput").Reason!;
        // Without root the read-only folder refuses the rename; as root the check after the stage catches it.
        Assert.True(
            reason.StartsWith("UnauthorizedAccessException:", StringComparison.Ordinal) ||
            reason == "it changed its input artifact 'rows' (rows.txt was replaced or changed); inputs are read-only, write changed copies to an output instead",
            reason);
        var environment = new RunEnvironment(new ExecutionOptions { RootDirectory = repo.Root });
        var rows = repo.Stage(repo.LatestRun(), "Contract.Produce").Outputs["rows"];
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(environment.Store.Materialize(rows), "rows.txt")));
    }

    [Fact]
    public void A_stage_writing_into_its_input_fails_even_where_file_modes_do_not_stop_the_write()
    {
        using var repo = new TempRepo();
        if (!PermissionProbe.WritesReadOnlyFiles(repo.Root))
        {
            Assert.Skip("Read-only file modes stop the write here (not root), so the check after the stage is not what catches it; StageContractTests covers this case.");
        }

        var result = repo.Run(typeof(ContractPipeline), "WritesInput");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "it changed its input artifact 'rows' (rows.txt was replaced or changed); inputs are read-only, write changed copies to an output instead",
            repo.Stage(repo.LatestRun(), "Contract.WritesInput").Reason);
    }
}
