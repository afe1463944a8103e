using LlmOps.Containers.Specs;

namespace LlmOps.Containers.Tests.Infrastructure;

/// <summary>A container spec that runs a shell script on the test base image, stopped within a second when asked.</summary>
public static class ShellSpec
{
    public static ContainerSpecBuilder Of(string script) =>
        new ContainerSpecBuilder().Image(DockerFixture.BaseImage).Command("sh", "-c", script).StopGracePeriod(TimeSpan.FromSeconds(1));
}
