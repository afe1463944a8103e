using Docker.DotNet.Models;
using LlmOps.Containers.Running;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Cleanup;

public sealed class OrphanCollectorTests(DockerFixture docker)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // This class's fakes carry their own scope: the container stages of other tests collect orphans too, and a fake
    // with a dead owner is an orphan to every collector, so without a scope they could reap it first.
    private readonly string _scope = Managed.NewRunId("orphan-test");

    [Fact]
    public async Task Removes_containers_of_dead_or_finished_runs_and_keeps_live_ones()
    {
        var engine = docker.Require();
        var current = Managed.NewRunId("current");
        var self = OwnerProcess.Current;
        var deadOwner = await CreateAsync(Managed.NewRunId("dead"), self with { Pid = 999_999 }, start: true);
        var remoteFinished = await CreateAsync(Managed.NewRunId("remote"), self with { Host = "some-other-host" }, start: true, command: "true");
        var remoteStarting = await CreateAsync(Managed.NewRunId("remote-new"), self with { Host = "some-other-host" }, start: false);
        await engine.Client.Containers.WaitContainerAsync(remoteFinished, Ct);
        var remoteRunning = await CreateAsync(Managed.NewRunId("remote-live"), self with { Host = "some-other-host" }, start: true);
        var liveOwner = await CreateAsync(Managed.NewRunId("live"), self, start: true);
        var currentRun = await CreateAsync(current, self with { Pid = 999_999 }, start: true);
        try
        {
            var removed = await new LlmOps.Containers.Cleanup.OrphanCollector(engine.Client, _scope).RemoveAsync(current, Ct);

            // Exactly these two: nothing else on the engine collects this scope, so no other test can get there first.
            Assert.Equal(new[] { deadOwner, remoteFinished }.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
            var left = (await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, Ct))
                .SelectMany(c => c.Names).Select(n => n.TrimStart('/')).ToHashSet();
            Assert.DoesNotContain(deadOwner, left);
            Assert.DoesNotContain(remoteFinished, left);
            Assert.Contains(liveOwner, left);
            Assert.Contains(currentRun, left);
            Assert.Contains(remoteRunning, left);
        }
        finally
        {
            foreach (var name in new[] { deadOwner, remoteFinished, remoteStarting, remoteRunning, liveOwner, currentRun })
            {
                await RemoveAsync(engine, name);
            }
        }
    }

    [Fact]
    public async Task A_collector_leaves_alone_the_orphans_of_another_scope()
    {
        var engine = docker.Require();
        var deadOwner = await CreateAsync(Managed.NewRunId("dead"), OwnerProcess.Current with { Pid = 999_999 }, start: false);
        try
        {
            var removedByRuns = await docker.Runner().RemoveOrphansAsync(Managed.NewRunId("unscoped"), Ct);
            var removedByOtherScope = await new LlmOps.Containers.Cleanup.OrphanCollector(engine.Client, "another-scope").RemoveAsync("current", Ct);

            Assert.DoesNotContain(deadOwner, removedByRuns);
            Assert.DoesNotContain(deadOwner, removedByOtherScope);
            Assert.Equal([deadOwner], await new LlmOps.Containers.Cleanup.OrphanCollector(engine.Client, _scope).RemoveAsync("current", Ct));
        }
        finally
        {
            await RemoveAsync(engine, deadOwner);
        }
    }

    [Fact]
    public void Created_container_of_another_host_is_left_to_its_owner_for_a_while()
    {
        var labels = new Dictionary<string, string> { [ContainerLabels.Managed] = "true", [ContainerLabels.RunId] = "other-run" };
        (OwnerProcess.Current with { Host = "some-other-host" }).AddTo(labels);
        var now = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        ContainerListResponse Created(TimeSpan ago) => new() { State = "created", Created = now - ago, Labels = labels };

        Assert.False(LlmOps.Containers.Cleanup.OrphanCollector.IsOrphan(Created(TimeSpan.FromSeconds(5)), "current", now));
        Assert.True(LlmOps.Containers.Cleanup.OrphanCollector.IsOrphan(Created(TimeSpan.FromMinutes(11)), "current", now));
        Assert.True(LlmOps.Containers.Cleanup.OrphanCollector.IsOrphan(new ContainerListResponse { State = "exited", Created = now, Labels = labels }, "current", now));
    }

    private static async Task RemoveAsync(LlmOps.Containers.Engine.DockerEngine engine, string name)
    {
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (Docker.DotNet.DockerContainerNotFoundException)
        {
        }
    }

    private async Task<string> CreateAsync(string runId, OwnerProcess owner, bool start, string command = "sleep 60")
    {
        var engine = docker.Require();
        var labels = new Dictionary<string, string> { [ContainerLabels.Managed] = "true", [ContainerLabels.RunId] = runId, [ContainerLabels.Stage] = "orphan-test", [ContainerLabels.Scope] = _scope };
        owner.AddTo(labels);
        var name = CreateParametersFactory.ContainerName("orphan-test", runId, 1);
        await engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters
            {
                Name = name,
                Image = DockerFixture.BaseImage,
                Cmd = command.Split(' '),
                Labels = labels,
                HostConfig = new HostConfig { NetworkMode = "none", Init = true },
            },
            Ct);
        if (start)
        {
            await engine.Client.Containers.StartContainerAsync(name, new ContainerStartParameters(), Ct);
        }

        return name;
    }
}
