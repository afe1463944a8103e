namespace LlmOps.Evaluation.Tests.Gates;

public sealed class ChampionTests : IDisposable
{
    private readonly string _target = Path.Combine(Path.GetTempPath(), "llmops-champion-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_target))
        {
            Directory.Delete(_target, recursive: true);
        }
    }

    private void Deploy(string version, string model, string verdict)
    {
        Directory.CreateDirectory(Path.Combine(_target, version));
        File.WriteAllText(Path.Combine(_target, version, "model.zip"), model);
        File.WriteAllText(Path.Combine(_target, version, "verdict.json"), verdict);
        File.WriteAllText(Path.Combine(_target, "current"), version + "\n");
    }

    [Fact]
    public void A_current_pointer_file_names_the_version_folder_the_champion_is_read_from()
    {
        Deploy("v-1", "weights", "{}");
        var champion = Champion.Deployed(_target, "current", "model.zip");

        Assert.Equal(Path.Combine(_target, "v-1"), champion.Locate());
    }

    [Fact]
    public void No_deployment_is_a_cold_start_and_the_digest_says_none()
    {
        var champion = Champion.Deployed(_target, "current", "model.zip");

        Assert.Null(champion.Locate());
        Assert.Equal("none", champion.Digest());
    }

    [Fact]
    public void The_digest_covers_only_the_model_files_so_the_same_model_redeployed_with_a_new_verdict_is_no_change()
    {
        var champion = Champion.Deployed(_target, "current", "model.zip");
        Deploy("v-1", "weights", "{\"coldStart\":true}");
        var first = champion.Digest();

        Deploy("v-2", "weights", "{\"coldStart\":false}");
        var redeployed = champion.Digest();
        Deploy("v-3", "other weights", "{\"coldStart\":false}");

        Assert.Equal(first, redeployed);
        Assert.NotEqual(first, champion.Digest());
        Assert.NotEqual(first, Champion.Deployed(_target, "current").Digest());
    }
}
