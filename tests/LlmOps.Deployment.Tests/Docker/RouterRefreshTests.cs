namespace LlmOps.Deployment.Tests;

public sealed class RouterRefreshTests
{
    [Fact]
    public void The_deployer_drains_for_longer_than_the_router_takes_to_see_a_switch()
    {
        Assert.Equal(LlmOps.Serving.Routing.ActiveBackend.RefreshInterval, DockerSession.RouterRefresh);
    }
}
