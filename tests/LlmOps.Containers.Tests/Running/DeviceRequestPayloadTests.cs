using System.Net;
using System.Text.Json.Nodes;
using Docker.DotNet;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Running;

/// <summary>
/// The GPU request must reach the engine exactly as <c>docker run --gpus</c> sends it (docker/cli opts/gpus.go,
/// marshalled by Go's encoding/json, where a nil slice is <c>null</c>).
/// </summary>
public sealed class DeviceRequestPayloadTests(DockerFixture docker)
{
    public static TheoryData<string, string> CliForms() => new()
    {
        { "all", """{"Driver":"","Count":-1,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":{}}""" },
        { "2", """{"Driver":"","Count":2,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":{}}""" },
        { "device=0,3", """{"Driver":"","Count":0,"DeviceIDs":["0","3"],"Capabilities":[["gpu"]],"Options":{}}""" },
    };

    [Theory]
    [MemberData(nameof(CliForms))]
    public async Task Http_body_of_container_create_carries_the_cli_device_request(string form, string cliJson)
    {
        var transport = new CapturingTransport(_ => (HttpStatusCode.Created, """{"Id":"abc","Warnings":[]}"""));
        using var client = transport.Build(new Version(1, 45));
        var parameters = CreateParametersFactory.Create(SpecFor(form), Request(), "sha256:feed", "llmops-test", withGpus: true, new Dictionary<string, string>());

        await client.Containers.CreateContainerAsync(parameters, TestContext.Current.CancellationToken);

        var create = Assert.Single(transport.Requests, r => r.Path.EndsWith("/containers/create", StringComparison.Ordinal));
        var sent = JsonNode.Parse(create.Body!)!["HostConfig"]!["DeviceRequests"]!.AsArray();
        var request = Assert.Single(sent)!.AsObject();
        var expected = JsonNode.Parse(cliJson)!.AsObject();

        // Docker.DotNet omits null members; Go decodes an absent field and an explicit null to the same nil slice.
        Assert.Empty(request.Select(p => p.Key).Except(expected.Select(p => p.Key)));
        foreach (var (key, value) in expected)
        {
            var actual = request.TryGetPropertyValue(key, out var v) ? v : null;
            Assert.True(JsonNode.DeepEquals(value, actual), $"{form}: {key} was {actual?.ToJsonString() ?? "absent"}, the CLI sends {value?.ToJsonString() ?? "null"}");
        }
    }

    [Fact]
    public void No_device_request_without_gpus_or_when_cpu_fallback_dropped_them()
    {
        var cpu = CreateParametersFactory.Create(new ContainerSpecBuilder().Image("x").Build(), Request(), "x", "n", withGpus: true, new Dictionary<string, string>());
        var dropped = CreateParametersFactory.Create(SpecFor("all"), Request(), "x", "n", withGpus: false, new Dictionary<string, string>());

        Assert.Null(cpu.HostConfig!.DeviceRequests);
        Assert.Null(dropped.HostConfig!.DeviceRequests);
    }

    [Theory]
    [MemberData(nameof(CliForms))]
    public async Task Real_engine_stores_the_device_request_as_sent(string form, string cliJson)
    {
        var engine = docker.Require();
        var ct = TestContext.Current.CancellationToken;
        var parameters = CreateParametersFactory.Create(
            SpecFor(form, DockerFixture.BaseImage), Request(), DockerFixture.BaseImage, CreateParametersFactory.ContainerName("gpu-payload", "t", 1), withGpus: true,
            new Dictionary<string, string> { [ContainerLabels.RunId] = "gpu-payload-test" });

        // Created but never started: the engine has no GPU runtime, creation alone stores the request.
        var id = (await engine.Client.Containers.CreateContainerAsync(parameters, ct)).ID;
        try
        {
            var stored = Assert.Single((await engine.Client.Containers.InspectContainerAsync(id, ct)).HostConfig!.DeviceRequests);
            var expected = JsonNode.Parse(cliJson)!;
            Assert.Equal(expected["Count"]!.GetValue<long>(), stored.Count);
            Assert.Equal(expected["DeviceIDs"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray(), stored.DeviceIDs?.ToArray());
            Assert.Equal([["gpu"]], stored.Capabilities.Select(c => c.ToArray()).ToArray());
            Assert.True(string.IsNullOrEmpty(stored.Driver));
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(id, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true }, ct);
        }
    }

    private static ContainerSpec SpecFor(string form, string image = "ghcr.io/acme/trainer:1") => form switch
    {
        "all" => new ContainerSpecBuilder().Image(image).Command("true").AllGpus().Build(),
        "2" => new ContainerSpecBuilder().Image(image).Command("true").Gpus(2).Build(),
        _ => new ContainerSpecBuilder().Image(image).Command("true").GpuDevices("0", "3").Build(),
    };

    private static ContainerRunRequest Request() => new() { RunId = "r1", StageName = "train" };
}
