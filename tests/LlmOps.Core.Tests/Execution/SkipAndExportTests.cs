using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class SkipAndExportTests
{
    private static string ConsumeLog(TempRepo repo)
    {
        var run = repo.LatestRun();
        return File.ReadAllText(Path.Combine(repo.Runs.RunDirectory(run.RunId), "logs", "Handover.Consume.log"));
    }

    [Fact]
    public void A_skipped_producer_hands_over_its_last_stored_artifact()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(HandoverPipeline), "Produce").ExitCode);

        var result = repo.Run(typeof(HandoverPipeline), "Consume", "--skip", "Produce");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Handover.Produce", "Handover.Consume"], repo.Trace());
        Assert.Equal("skipped on the command line (--skip)", repo.Stage(repo.LatestRun(), "Handover.Produce").Reason);
        Assert.Contains("files: nested/more.txt,rows.txt; rows: a|b|", ConsumeLog(repo));
    }

    [Fact]
    public void A_bare_skip_skips_everything_but_the_targets()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(HandoverPipeline), "Produce").ExitCode);

        Assert.Equal(0, repo.Run(typeof(HandoverPipeline), "Consume", "--skip").ExitCode);

        Assert.Equal(StageStatus.Skipped, repo.Stage(repo.LatestRun(), "Handover.Produce").Status);
    }

    [Fact]
    public void A_skipped_producer_without_any_stored_artifact_fails_the_consumer_with_advice()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(HandoverPipeline), "Consume", "--skip", "Produce");

        Assert.Equal(1, result.ExitCode);
        var reason = repo.Stage(repo.LatestRun(), "Handover.Consume").Reason;
        Assert.Contains("input artifact 'rows' is unavailable: Handover.Produce was skipped", reason);
        Assert.Contains(".llmops/import/rows", reason);
    }

    [Fact]
    public void Exported_artifacts_can_be_imported_into_another_repository()
    {
        using var producer = new TempRepo();
        using var consumer = new TempRepo();
        var exports = producer.Path("exports");
        Assert.Equal(0, producer.Run(typeof(HandoverPipeline), "Produce", "--export", exports).ExitCode);
        Assert.True(File.Exists(Path.Combine(exports, "rows", ArtifactManifest.ExportFileName)));
        Assert.Equal("a\nb\n", File.ReadAllText(Path.Combine(exports, "rows", "rows.txt")));

        CopyDirectory(Path.Combine(exports, "rows"), consumer.Path(".llmops/import/rows"));
        var result = consumer.Run(typeof(HandoverPipeline), "Consume", "--skip", "Produce");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Handover.Consume"], consumer.Trace());
        Assert.Contains("rows: a|b|", ConsumeLog(consumer));
    }

    [Fact]
    public void A_tampered_import_is_rejected()
    {
        using var producer = new TempRepo();
        using var consumer = new TempRepo();
        var exports = producer.Path("exports");
        Assert.Equal(0, producer.Run(typeof(HandoverPipeline), "Produce", "--export", exports).ExitCode);
        CopyDirectory(Path.Combine(exports, "rows"), consumer.Path(".llmops/import/rows"));
        File.WriteAllText(consumer.Path(".llmops/import/rows/rows.txt"), "a\nX\n");

        var result = consumer.Run(typeof(HandoverPipeline), "Consume", "--skip", "Produce");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("downloaded artifact 'rows' was rejected", repoReason(consumer));
        Assert.Contains("rows.txt does not match its manifest hash", repoReason(consumer));
        Assert.Empty(consumer.Trace());

        static string repoReason(TempRepo repo) => repo.Stage(repo.LatestRun(), "Handover.Consume").Reason!;
    }

    [Theory]
    [InlineData("\"name\": \"rows\"", "\"name\": \"splits\"", "it holds artifact 'splits' (dataset), not 'rows' (dataset)")]
    [InlineData("\"kind\": \"dataset\"", "\"kind\": \"model\"", "it holds artifact 'rows' (model), not 'rows' (dataset)")]
    public void An_import_whose_manifest_is_for_another_artifact_is_rejected(string field, string replacement, string expected)
    {
        using var producer = new TempRepo();
        using var consumer = new TempRepo();
        var exports = producer.Path("exports");
        Assert.Equal(0, producer.Run(typeof(HandoverPipeline), "Produce", "--export", exports).ExitCode);
        CopyDirectory(Path.Combine(exports, "rows"), consumer.Path(".llmops/import/rows"));
        var manifest = consumer.Path($".llmops/import/rows/{ArtifactManifest.ExportFileName}");
        var text = File.ReadAllText(manifest);
        Assert.Contains(field, text);
        File.WriteAllText(manifest, text.Replace(field, replacement, StringComparison.Ordinal));

        var result = consumer.Run(typeof(HandoverPipeline), "Consume", "--skip", "Produce");

        Assert.Equal(1, result.ExitCode);
        var reason = consumer.Stage(consumer.LatestRun(), "Handover.Consume").Reason!;
        Assert.Contains("downloaded artifact 'rows' was rejected", reason);
        Assert.Contains(expected, reason);
        Assert.Empty(consumer.Trace());
    }

    [Fact]
    public void Artifacts_with_the_same_files_are_exported_under_their_own_names_and_kinds()
    {
        using var repo = new TempRepo();
        var store = new ArtifactStore(repo.Path("store"), FileHashCache.Load(repo.Path("hashes.json")));
        string Ingest(string name, string kind)
        {
            var staging = repo.Path($"staging-{name}");
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "same.txt"), "identical content\n");
            return store.Ingest(staging, name, kind).Hash;
        }

        var first = Ingest("train-split", "dataset");
        var second = Ingest("eval-split", "report");
        // The manifest's hash covers the artifact's name and kind, so equal files never make two artifacts one.
        Assert.NotEqual(first, second);

        store.Export(first, repo.Path("export/train-split"));
        var manifest = ArtifactManifest.Parse(File.ReadAllText(repo.Path($"export/train-split/{ArtifactManifest.ExportFileName}")))!;
        Assert.Equal(("train-split", "dataset"), (manifest.Name, manifest.Kind));

        Assert.Equal(first, store.Import(repo.Path("export/train-split"), "train-split", "dataset"));
        var error = Assert.Throws<InvalidDataException>(() => store.Import(repo.Path("export/train-split"), "eval-split", "report"));
        Assert.Contains("it holds artifact 'train-split' (dataset), not 'eval-split' (report)", error.Message);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
