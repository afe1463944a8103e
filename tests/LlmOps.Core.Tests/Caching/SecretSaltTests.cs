using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Caching;

/// <summary>The salt of secrets in cache keys lives with the cache, so clones that share a cache share their keys.</summary>
public sealed class SecretSaltTests
{
    [Fact]
    public void A_salt_kept_where_older_versions_kept_it_is_carried_into_the_cache_so_keys_do_not_change()
    {
        using var repo = new TempRepo();
        repo.Write(".llmops/secret-salt", "00112233445566778899aabbccddeeff");

        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make").ExitCode);

        Assert.Equal("00112233445566778899aabbccddeeff", repo.Read(".llmops/cache/secret-salt"));
    }

    [Fact]
    public void A_salt_already_in_a_shared_cache_is_used_rather_than_replaced()
    {
        using var repo = new TempRepo();
        repo.Write(".llmops/cache/secret-salt", "ffeeddccbbaa99887766554433221100");

        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make").ExitCode);

        Assert.Equal("ffeeddccbbaa99887766554433221100", repo.Read(".llmops/cache/secret-salt"));
        Assert.False(repo.Exists(".llmops/secret-salt"));
    }
}
