using LlmOps.Cli;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>
/// What the pods of a workflow run, played on real folders with the real command line: each "pod" is a folder of its
/// own whose <c>.llmops/store</c> and <c>.llmops/cache</c> are the shared store's (as the claim is mounted), and
/// artifacts travel between pods as exported folders, as Argo moves them.
/// </summary>
public sealed class ArtifactCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-argo-pods-").FullName;
    private int _pods;

    [Fact]
    public void An_exported_output_imports_verified_into_the_consumers_inputs()
    {
        var producer = Pod();
        Write(producer, "outputs/data/train.jsonl", "{\"text\":\"hello\"}\n");
        Assert.Equal(0, Run(producer, out _, "ArgoTrain.Prepare", "--skip", "--outputs-from", "outputs", "--export", ".llmops/export"));
        var consumer = Pod();
        FolderCopy.Into(Path.Combine(producer, ".llmops", "export", "data"), Path.Combine(consumer, "io", "import", "data"));

        Assert.Equal(0, Import(consumer, out var output));

        Assert.Equal("{\"text\":\"hello\"}\n", File.ReadAllText(Path.Combine(consumer, "io", "inputs", "data", "train.jsonl")));
        Assert.Contains("verified against its manifest", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_download_is_rejected_and_nothing_reaches_the_inputs()
    {
        var consumer = Pod();
        var download = Path.Combine(consumer, "io", "import", "data");
        var producer = Pod();
        Write(producer, "outputs/data/train.jsonl", "{\"text\":\"hello\"}\n");
        Assert.Equal(0, Run(producer, out _, "ArgoTrain.Prepare", "--skip", "--outputs-from", "outputs", "--export", ".llmops/export"));
        FolderCopy.Into(Path.Combine(producer, ".llmops", "export", "data"), download);
        File.WriteAllText(Path.Combine(download, "train.jsonl"), "{\"text\":\"tampered\"}\n");

        Assert.Equal(1, Import(consumer, out var output));

        Assert.Contains("downloaded artifact 'data' was rejected", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(consumer, "io", "inputs", "data")));
    }

    [Fact]
    public void A_container_stage_computed_in_one_workflow_is_reused_by_the_next_through_the_shared_store()
    {
        // First workflow: both checks miss, Prepare runs in its pod, Train's container writes its model and the
        // export container commits it.
        var check = Pod();
        Assert.Equal(4, Run(check, out _, "ArgoTrain.Prepare", "--skip", "--cached-only", "--export", ".llmops/export"));
        var prepare = Pod();
        Assert.Equal(0, Run(prepare, out _, "ArgoTrain.Prepare", "--skip", "--export", ".llmops/export"));
        var trainCheck = Pod();
        FolderCopy.Into(Path.Combine(prepare, ".llmops", "export", "data"), Path.Combine(trainCheck, ".llmops", "import", "data"));
        Assert.Equal(4, Run(trainCheck, out var missed, "ArgoTrain.Train", "--skip", "--cached-only", "--export", ".llmops/export"));
        Assert.Contains("not cached", missed, StringComparison.Ordinal);

        var train = Pod();
        FolderCopy.Into(Path.Combine(prepare, ".llmops", "export", "data"), Path.Combine(train, "io", "import", "data"));
        Assert.Equal(0, Import(train, out _));
        Write(train, "io/outputs/model/weights.bin", "weights written by the trainer image");
        Directory.CreateSymbolicLink(Path.Combine(train, ".llmops", "import"), Path.Combine(train, "io", "import"));
        Assert.Equal(0, Run(train, out var committed, "ArgoTrain.Train", "--skip", "--outputs-from", "io/outputs", "--export", "io/export"));
        Assert.Contains("succeeded", committed, StringComparison.Ordinal);

        // Second workflow: both checks hit, so neither task would run; the model comes out of the shared store.
        var again = Pod();
        Assert.Equal(0, Run(again, out _, "ArgoTrain.Prepare", "--skip", "--cached-only", "--export", ".llmops/export"));
        var trainAgain = Pod();
        FolderCopy.Into(Path.Combine(again, ".llmops", "export", "data"), Path.Combine(trainAgain, ".llmops", "import", "data"));
        Assert.Equal(0, Run(trainAgain, out var reused, "ArgoTrain.Train", "--skip", "--cached-only", "--export", ".llmops/export"));

        Assert.Contains("cached", reused, StringComparison.Ordinal);
        Assert.Equal("weights written by the trainer image", File.ReadAllText(Path.Combine(trainAgain, ".llmops", "export", "model", "weights.bin")));
    }

    [Fact]
    public async Task Pods_that_commit_the_same_stage_at_once_leave_the_shared_store_consistent_and_the_next_check_hits()
    {
        // Parallel pods of two workflows submitted together race for one stage: each computes it, and the shared
        // store must end up with one usable entry (content-addressed objects, entries written by rename).
        var pods = Enumerable.Range(0, 4).Select(_ => Pod()).ToList();
        foreach (var pod in pods)
        {
            Write(pod, "outputs/data/train.jsonl", "{\"text\":\"same rows\"}\n");
        }

        var codes = await Task.WhenAll(pods.Select(pod => Task.Run(() => Run(pod, out _, "ArgoTrain.Prepare", "--skip", "--outputs-from", "outputs", "--export", ".llmops/export"))));

        Assert.All(codes, code => Assert.Equal(0, code));
        var check = Pod();
        Assert.Equal(0, Run(check, out var reused, "ArgoTrain.Prepare", "--skip", "--cached-only", "--export", ".llmops/export"));
        Assert.Contains("cached", reused, StringComparison.Ordinal);
        Assert.Equal("{\"text\":\"same rows\"}\n", File.ReadAllText(Path.Combine(check, ".llmops", "export", "data", "train.jsonl")));
        Assert.Equal(0, Run(check, out var verified, "Verify", "--store"));
        Assert.DoesNotContain("damaged", verified, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_stage_is_a_usage_error()
    {
        var pod = Pod();
        Assert.Throws<UsageException>(() => Import(pod, out _, "ArgoTrain.Nope"));
    }

    public void Dispose()
    {
        // The store's trees are read-only folders; opened up so the test's folder can go.
        foreach (var folder in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories).Where(d => new DirectoryInfo(d).LinkTarget is null))
        {
            if (OperatingSystem.IsWindows())
            {
                break;
            }

            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.Delete(_root, recursive: true);
    }

    // A pod's repository: its own state folder, with the shared claim's store and cache mounted into it.
    private string Pod()
    {
        var pod = Path.Combine(_root, $"pod-{++_pods}");
        Directory.CreateDirectory(Path.Combine(pod, ".nuke"));
        Directory.CreateDirectory(Path.Combine(pod, ".llmops"));
        foreach (var part in new[] { "store", "cache" })
        {
            var shared = Path.Combine(_root, "claim", part);
            Directory.CreateDirectory(shared);
            Directory.CreateSymbolicLink(Path.Combine(pod, ".llmops", part), shared);
        }

        return pod;
    }

    private static void Write(string pod, string relative, string text)
    {
        var path = Path.Combine(pod, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static int Run(string pod, out string output, params string[] args)
    {
        using var stdout = new StringWriter();
        var app = new LlmOpsApp(typeof(ArgoTrainPipeline)) { Output = stdout, Error = stdout, Environment = _ => null };
        var code = app.RunAsync([.. args, "--root", pod], CancellationToken.None).GetAwaiter().GetResult();
        output = stdout.ToString();
        return code;
    }

    private static int Import(string pod, out string output, string stage = "ArgoTrain.Train")
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var line = CommandLine.Parse(["ArgoImport", stage, Path.Combine(pod, "io", "import"), Path.Combine(pod, "io", "inputs")]);
        var context = new CliContext(pod, line, Loaded.Pipelines(typeof(ArgoTrainPipeline)), stdout, stderr, _ => null);
        try
        {
            return new ArgoImportCommand().RunAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            output = stdout.ToString() + stderr;
        }
    }
}
