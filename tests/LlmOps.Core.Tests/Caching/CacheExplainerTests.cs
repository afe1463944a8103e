using LlmOps.Execution;
using Xunit;

namespace LlmOps.Core.Tests.Caching;

public sealed class CacheExplainerTests
{
    [Fact]
    public void A_parameter_that_the_stage_stopped_or_started_reading_is_named_as_such()
    {
        var before = new Dictionary<string, string> { ["param:epochs"] = "5", ["param:token"] = "secret:abcd" };
        var after = new Dictionary<string, string> { ["param:l2"] = "0.1", ["param:key"] = "secret:ef01" };

        var reasons = CacheExplainer.Explain(before, after);

        Assert.Contains("parameter epochs no longer read", reasons);
        Assert.Contains("parameter l2 now read (= 0.1)", reasons);
        Assert.Contains("parameter key now read", reasons);
        Assert.Contains("parameter token no longer read", reasons);
        Assert.DoesNotContain(reasons, r => r.Contains("secret:", StringComparison.Ordinal));
    }
}
