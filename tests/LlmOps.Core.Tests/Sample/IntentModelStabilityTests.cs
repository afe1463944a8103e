using System.IO.Compression;
using LlmOps.Pipelines.Support.Steps;

namespace LlmOps.Core.Tests.Sample;

/// <summary>Training the sample model twice on the same data gives the same bytes, so the store sees one artifact.</summary>
public sealed class IntentModelStabilityTests
{
    [Fact]
    public void Two_trainings_with_the_same_data_and_parameters_give_byte_identical_models_and_one_store_hash()
    {
        using var repo = new TempRepo();
        var splits = repo.Path("splits");
        Directory.CreateDirectory(splits);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "SampleData", "intents.jsonl"), Path.Combine(splits, "train.jsonl"));
        var examples = DatasetChecks.Read(Path.Combine(splits, "train.jsonl")).Take(20).ToList();

        string TrainInto(string name)
        {
            var output = repo.Path(name);
            IntentModel.Train(splits, output, epochs: 2, l2: 1e-4, _ => { }, (_, _, _) => { }, TestContext.Current.CancellationToken);
            return output;
        }

        var first = TrainInto("first");
        var second = TrainInto("second");

        Assert.Equal(File.ReadAllBytes(Path.Combine(first, IntentModel.FileName)), File.ReadAllBytes(Path.Combine(second, IntentModel.FileName)));
        using (var archive = ZipFile.OpenRead(Path.Combine(first, IntentModel.FileName)))
        {
            // Equal bytes alone could be two saves within one 2-second zip time step; the fixed stamp shows why they match.
            Assert.All(archive.Entries, e => Assert.Equal(StableZip.DefaultTimestamp.DateTime, e.LastWriteTime.DateTime));
        }

        // ML.NET still loads the normalized archive and predicts as before.
        var predictions = IntentModel.Predict(ModelArtifact.Open(first), examples);
        Assert.Equal(predictions, IntentModel.Predict(ModelArtifact.Open(second), examples));
        Assert.True(predictions.Zip(examples).Count(p => p.First == p.Second.Label) >= 15, string.Join(", ", predictions));

        var store = new ArtifactStore(repo.Path("store"), FileHashCache.Load(repo.Path("hashes.json")));
        var (firstHash, _) = store.Ingest(first, "intent-model", ModelArtifact.KindName);
        var (secondHash, _) = store.Ingest(second, "intent-model", ModelArtifact.KindName);
        Assert.Equal(firstHash, secondHash);
    }
}
