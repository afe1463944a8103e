using System.Diagnostics;
using LlmOps.Execution;

// Prune of a store with 10,000 objects (2,000 artifacts of 5 files; refs keep 200 of them), against the peer that
// sets the floor: deleting the same files from a list that is already known. The difference is what finding them
// costs (reading every manifest, ref, run record and cache entry). Run from the repository root:
//   dotnet run -c Release --project bench/Store
const int Artifacts = 2_000;
const int FilesPerArtifact = 5;
const int Kept = 200;

var temp = Directory.CreateTempSubdirectory("llmops-bench-store-");
try
{
    var prunedState = Build(Path.Combine(temp.FullName, "pruned"));
    var peerState = Build(Path.Combine(temp.FullName, "peer"));

    var dryRun = Stopwatch.StartNew();
    var planned = StorePruner.Run(prunedState, keepRuns: 0, dryRun: true);
    dryRun.Stop();

    var prune = Stopwatch.StartNew();
    var pruned = StorePruner.Run(prunedState, keepRuns: 0, dryRun: false);
    prune.Stop();

    // The peer deletes exactly what prune deleted, from a list made before the clock starts.
    var keep = Directory.EnumerateFiles(Path.Combine(peerState.Store, "refs"), "*", SearchOption.AllDirectories).Select(f => File.ReadAllText(f).Trim()).ToHashSet();
    var manifests = Directory.EnumerateFiles(Path.Combine(peerState.Store, "manifests")).Where(m => !keep.Contains(Path.GetFileNameWithoutExtension(m))).ToList();
    var keptObjects = keep.SelectMany(h => ArtifactManifest.Parse(File.ReadAllText(Path.Combine(peerState.Store, "manifests", h + ".json")))!.Files.Select(f => f.Sha256)).ToHashSet();
    var objects = Directory.EnumerateFiles(Path.Combine(peerState.Store, "objects"), "*", SearchOption.AllDirectories).Where(o => !keptObjects.Contains(Path.GetFileName(o))).ToList();
    var peer = Stopwatch.StartNew();
    manifests.ForEach(File.Delete);
    objects.ForEach(File.Delete);
    peer.Stop();

    if (pruned.Objects != objects.Count || pruned.Artifacts.Count != manifests.Count || planned.Objects != pruned.Objects)
    {
        Console.Error.WriteLine($"prune and peer disagree: prune {pruned.Objects} objects / {pruned.Artifacts.Count} artifacts, peer {objects.Count} / {manifests.Count}");
        return 1;
    }

    Console.WriteLine($"Store: {Artifacts * FilesPerArtifact:N0} objects in {Artifacts:N0} artifacts; refs keep {Kept}; prune removes {pruned.Objects:N0} objects, {pruned.Bytes:N0} bytes.");
    Console.WriteLine();
    Console.WriteLine("| what | ms | peer: delete the same files from a known list (ms) | ratio |");
    Console.WriteLine("|---|---:|---:|---:|");
    Console.WriteLine($"| Prune --dry-run (find only) | {dryRun.Elapsed.TotalMilliseconds:N0} | {peer.Elapsed.TotalMilliseconds:N0} | {dryRun.Elapsed / peer.Elapsed:N2} |");
    Console.WriteLine($"| Prune (find and delete) | {prune.Elapsed.TotalMilliseconds:N0} | {peer.Elapsed.TotalMilliseconds:N0} | {prune.Elapsed / peer.Elapsed:N2} |");
    return 0;
}
finally
{
    temp.Delete(recursive: true);
}

static StateLayout Build(string root)
{
    var state = new StateLayout(root);
    var store = new ArtifactStore(state.Store, FileHashCache.Load(state.FileHashes));
    var staging = Path.Combine(root, "staging");
    for (var a = 0; a < Artifacts; a++)
    {
        Directory.CreateDirectory(staging);
        for (var f = 0; f < FilesPerArtifact; f++)
        {
            File.WriteAllText(Path.Combine(staging, $"part-{f}.txt"), $"artifact {a} file {f}\n");
        }

        var (hash, _) = store.Ingest(staging, $"a{a}", "dataset");
        Directory.Delete(staging, recursive: true);
        if (a % (Artifacts / Kept) == 0)
        {
            store.SetRef("Bench", $"a{a}", hash);
        }
    }

    return state;
}
