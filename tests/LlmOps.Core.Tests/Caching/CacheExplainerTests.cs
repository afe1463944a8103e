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

    [Theory]
    [InlineData("stage:1", "stage:2", "code of Train changed")]
    [InlineData("assembly:1", "assembly:2", "pipeline assembly changed (Train is keyed on the whole assembly)")]
    [InlineData("stage:1", "assembly:2", "code of Train changed, and it is now keyed on the whole assembly")]
    [InlineData("assembly:1", "stage:2", "code of Train changed, and it is now keyed on its own code")]
    public void A_code_change_names_the_stage_and_whether_it_is_keyed_on_the_whole_assembly(string before, string after, string expected)
    {
        var reasons = CacheExplainer.Explain(new Dictionary<string, string> { ["code"] = before }, new Dictionary<string, string> { ["code"] = after }, "Train");

        Assert.Equal([expected], reasons);
    }
}
