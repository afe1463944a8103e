using LlmOps.Dsl;
using LlmOps.Tracking.Local;
using LlmOps.Tracking.Registry;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>
/// The stage-facing registry checks names the same on both trackers and fails a stage with a message naming the
/// operation, never a raw exception.
/// </summary>
public sealed class RunModelRegistryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => ["mlflow", "local"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_reserved_alias_fails_the_stage_naming_the_rule(string backend)
    {
        await using var setup = await RegistryWithOneVersionAsync(backend);

        var ex = await Assert.ThrowsAsync<StageFailedException>(() => setup.Registry.SetAliasAsync("m", "latest", "1", Ct));

        Assert.Contains("setting alias 'latest' of model 'm' to version 1 failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reserved by MLflow", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_alias_or_tag_on_a_missing_version_fails_the_stage_and_changes_nothing(string backend)
    {
        await using var setup = await RegistryWithOneVersionAsync(backend);

        var alias = await Assert.ThrowsAsync<StageFailedException>(() => setup.Registry.SetAliasAsync("m", "champion", "9", Ct));
        var tag = await Assert.ThrowsAsync<StageFailedException>(() => setup.Registry.SetVersionTagAsync("m", "9", "k", "v", Ct));

        Assert.StartsWith($"model registry ({setup.Registry.Location}): setting alias 'champion' of model 'm' to version 9 failed", alias.Message, StringComparison.Ordinal);
        Assert.Contains("setting tag 'k' of model 'm' version 9 failed", tag.Message, StringComparison.Ordinal);
        Assert.Null(await setup.Registry.GetAliasAsync("m", "champion", Ct));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_run_version_is_the_newest_one_registered_by_a_run_of_this_pipeline_run(string backend)
    {
        await using var setup = await RegistryWithOneVersionAsync(backend);

        Assert.Equal("1", await setup.Registry.FindRunVersionAsync("m", Ct));
        Assert.Null(await setup.Registry.FindRunVersionAsync("other-model", Ct));
        var unrelated = new RunModelRegistry(setup.Tracker.Registry, setup.Tracker.Location, () => ["another-run"]);
        Assert.Null(await unrelated.FindRunVersionAsync("m", Ct));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_version_downloads_with_every_file_of_the_package_its_run_logged(string backend)
    {
        await using var setup = await RegistryWithOneVersionAsync(backend);
        var stage = await setup.Tracker.StartStageRunAsync(await setup.Tracker.StartPipelineRunAsync("p", "run-2", cancellationToken: Ct), "p.Pack", cancellationToken: Ct);
        var files = Path.Combine(setup.Dir.Path, "package");
        Directory.CreateDirectory(Path.Combine(files, "model"));
        await File.WriteAllTextAsync(Path.Combine(files, "manifest.json"), "{}", Ct);
        await File.WriteAllBytesAsync(Path.Combine(files, "model", "weights.bin"), [1, 2, 3, 255], Ct);
        await setup.Tracker.LogArtifactAsync(stage, Path.Combine(files, "manifest.json"), "pkg", Ct);
        await setup.Tracker.LogArtifactAsync(stage, Path.Combine(files, "model", "weights.bin"), "pkg/model", Ct);
        var version = await setup.Tracker.RegisterModelVersionAsync("pkg", $"{stage.ArtifactUri.TrimEnd('/')}/pkg", stage.RunId, Ct);
        var target = Path.Combine(setup.Dir.Path, "downloaded");

        await setup.Registry.DownloadVersionAsync("pkg", version, target, Ct);

        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(target, "manifest.json"), Ct));
        Assert.Equal([1, 2, 3, 255], await File.ReadAllBytesAsync(Path.Combine(target, "model", "weights.bin"), Ct));
        Assert.Empty(Directory.GetDirectories(setup.Dir.Path, "downloaded.download-*"));
        var again = await Assert.ThrowsAsync<StageFailedException>(() => setup.Registry.DownloadVersionAsync("pkg", version, target, Ct));
        Assert.Contains("already exists", again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Finding_an_alias_of_a_model_not_registered_yet_is_none_rather_than_an_error(string backend)
    {
        await using var setup = await RegistryWithOneVersionAsync(backend);

        Assert.Null(await setup.Registry.FindAliasAsync("never-registered", "champion", Ct));
        Assert.Null(await setup.Registry.FindAliasAsync("m", "champion", Ct));
        await setup.Registry.SetAliasAsync("m", "champion", "1", Ct);
        Assert.Equal("1", await setup.Registry.FindAliasAsync("m", "champion", Ct));
        await Assert.ThrowsAsync<StageFailedException>(() => setup.Registry.GetAliasAsync("never-registered", "champion", Ct));
    }

    private static async Task<Setup> RegistryWithOneVersionAsync(string backend)
    {
        var dir = new TempDir();
        FakeMlflowServer? server = null;
        ITracker tracker;
        if (backend == "mlflow")
        {
            server = await FakeMlflowServer.StartAsync();
            tracker = new Tracking.Mlflow.MlflowTracker(TestClients.Client(server), ownsClient: true);
        }
        else
        {
            tracker = new LocalTracker(dir.Path);
        }

        var parent = await tracker.StartPipelineRunAsync("p", "run-1", cancellationToken: Ct);
        var stage = await tracker.StartStageRunAsync(parent, "p.Pack", cancellationToken: Ct);
        await tracker.RegisterModelVersionAsync("m", "runs:/x/m", stage.RunId, Ct);
        return new Setup(tracker, new RunModelRegistry(tracker.Registry, tracker.Location, () => [stage.RunId]), server, dir);
    }

    private sealed record Setup(ITracker Tracker, IModelRegistry Registry, FakeMlflowServer? Server, TempDir Dir) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Tracker.DisposeAsync();
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }

            Dir.Dispose();
        }
    }
}
