using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

/// <summary>A repository holding <see cref="CachePipeline"/> and its input file, with shortcuts for the cache tests.</summary>
internal sealed class CacheRepo : IDisposable
{
    public CacheRepo()
    {
        Repo.Write(CachePipeline.InputFile, "{\"text\":\"hello\"}\n");
    }

    public TempRepo Repo { get; } = new();

    public AppResult Run(params string[] args)
    {
        var result = Repo.Run(typeof(CachePipeline), ["--parallel", "1", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    public RunRecord Last => Repo.LatestRun();

    public StageRecord Stage(string name) => Repo.Stage(Last, "Cache." + name);

    public StageStatus Status(string name) => Stage(name).Status;

    /// <summary>Stage bodies that ran since the given trace length.</summary>
    public IReadOnlyList<string> RanSince(int traceLength) => Repo.Trace().Skip(traceLength).Select(s => s["Cache.".Length..]).ToList();

    /// <summary>The store file holding <paramref name="file"/> of the artifact the last run recorded for <paramref name="stage"/>.</summary>
    public string ObjectOf(string stage, string artifact, string file)
    {
        var hash = Stage(stage).Outputs[artifact];
        var manifest = ArtifactManifest.Parse(File.ReadAllText(Path.Combine(Repo.StateDirectory, "store", "manifests", hash + ".json")))!;
        var sha = manifest.Files.Single(f => f.Path == file).Sha256;
        return Path.Combine(Repo.StateDirectory, "store", "objects", sha[..2], sha);
    }

    public void Dispose() => Repo.Dispose();
}
