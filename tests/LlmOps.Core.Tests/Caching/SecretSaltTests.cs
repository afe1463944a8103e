using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Caching;

/// <summary>
/// The salt of secret values in cache keys: per clone by default, and one given salt (LLMOPS_SECRET_SALT) for runs
/// that share a store, so that a stage that reads a secret is reused across them.
/// </summary>
public sealed class SecretSaltTests
{
    private const string Salt = "0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void Clones_given_one_salt_compute_one_key_for_a_stage_that_reads_a_secret_and_keep_no_salt_file()
    {
        using var first = new TempRepo();
        using var second = new TempRepo();
        foreach (var repo in new[] { first, second })
        {
            repo.Environment["LLMOPS_SECRET_SALT"] = Salt;
            repo.Environment["API_TOKEN"] = "token-of-the-registry-1234";
            Assert.Equal(0, repo.Run(typeof(SecretPipeline), "Call").ExitCode);
        }

        Assert.Equal(first.Stage(first.LatestRun(), "Secret.Call").CacheKey, second.Stage(second.LatestRun(), "Secret.Call").CacheKey);
        Assert.False(first.Exists(".llmops/secret-salt"));
    }

    [Fact]
    public void Clones_with_their_own_salts_compute_different_keys_for_the_same_secret()
    {
        using var first = new TempRepo();
        using var second = new TempRepo();
        foreach (var repo in new[] { first, second })
        {
            repo.Environment["API_TOKEN"] = "token-of-the-registry-1234";
            Assert.Equal(0, repo.Run(typeof(SecretPipeline), "Call").ExitCode);
        }

        Assert.NotEqual(first.Stage(first.LatestRun(), "Secret.Call").CacheKey, second.Stage(second.LatestRun(), "Secret.Call").CacheKey);
        Assert.Equal(64, first.Read(".llmops/secret-salt").Trim().Length);
        Assert.False(first.Exists(".llmops/cache/secret-salt"), "the salt stays out of the folder CI caches carry");
    }

    [Fact]
    public void A_short_given_salt_is_refused_before_anything_runs()
    {
        using var repo = new TempRepo();
        repo.Environment["LLMOPS_SECRET_SALT"] = "short";

        var result = repo.Run(typeof(WiringPipeline), "Make");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: LLMOPS_SECRET_SALT is shorter than 32 characters; give a long random value (openssl rand -hex 32), kept as a secret.", result.Error.Trim());
        Assert.DoesNotContain("short", result.Output, StringComparison.Ordinal);
        Assert.Empty(repo.Trace());
    }
}
