namespace LlmOps.Runtime.Tests.State;

public sealed class StateLayoutTests
{
    [Fact]
    public void Paths_on_this_machine_are_under_the_repository_state_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");
        var state = StateLayout.Of(root);

        Assert.Equal(Path.Combine(root, ".llmops"), state.Root);
        Assert.Equal(Path.Combine(root, ".llmops", "store"), state.Store);
        Assert.Equal(Path.Combine(root, ".llmops", "cache", "file-hashes.json"), state.FileHashes);
        Assert.Equal(Path.Combine(root, ".llmops", "tmp", "run-1"), state.TempOf("run-1"));
        Assert.Equal(Path.Combine(root, ".llmops", "support-trainer", "context"), state.Part("support-trainer", "context"));
    }

    [Fact]
    public void Relative_paths_use_forward_slashes_as_ci_files_spell_them()
    {
        var state = StateLayout.Relative;

        Assert.Equal(
            [".llmops", ".llmops/store", ".llmops/cache", ".llmops/runs", ".llmops/tmp", ".llmops/import", ".llmops/export", ".llmops/plan.mmd",
             ".llmops/lock", ".llmops/secret-salt", ".llmops/tracking.db", ".llmops/artifacts", ".llmops/deployments", ".llmops/registry"],
            [state.Root, state.Store, state.Cache, state.Runs, state.Temp, state.Import, state.Export, state.PlanDiagram,
             state.Lock, state.SecretSalt, state.TrackingDatabase, state.TrackingArtifacts, state.Deployments, state.Registry]);
        Assert.Equal(".llmops/deployments/support-intent", state.Part("deployments", "support-intent"));
    }
}
