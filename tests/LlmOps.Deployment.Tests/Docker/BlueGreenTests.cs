using System.Net.Http.Json;
using System.Text.Json;

namespace LlmOps.Deployment.Tests;

[Collection(DockerDeploymentCollection.Name)]
public sealed class BlueGreenTests(ServingBuild build)
{
    [Fact]
    public async Task A_new_version_takes_over_and_a_failing_one_is_refused_with_zero_failed_requests_and_rollback_restores_the_first()
    {
        await using var deployment = new DeploymentUnderTest(build);
        var first = await deployment.Target.DeployAsync(deployment.Request(Packages.Good(deployment.Root, "v-1")), Ct);
        Assert.Equal(("deployed", "v-1"), (first.Status, first.Serving));

        await using var stream = new RequestStream(deployment.Address);
        await Task.Delay(500, Ct);
        var second = await deployment.Target.DeployAsync(deployment.Request(Packages.Good(deployment.Root, "v-2")), Ct);
        var refused = await Assert.ThrowsAsync<DeploymentException>(() => deployment.Target.DeployAsync(deployment.Request(Packages.WrongAnswers(deployment.Root, "v-3")), Ct));
        var afterFailure = deployment.State();
        var rolledBack = await deployment.Target.RollbackAsync(new RollbackRequest(deployment.Name, null, deployment.Root, deployment.Log.Add), Ct);
        await Task.Delay(500, Ct);
        await stream.StopAsync();

        Assert.True(stream.Failed == 0, $"{stream.Failed} of {stream.Sent} requests failed: {string.Join("; ", stream.Failures.Take(5))}");
        Assert.True(stream.Sent > 50, $"only {stream.Sent} requests were sent");
        Assert.Equal(("deployed", "v-2", "v-1"), (second.Status, second.Serving, second.Previous));
        Assert.Contains("failed the smoke evaluation", refused.Message, StringComparison.Ordinal);
        Assert.Contains("v-2 keeps serving", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("failed", "v-2", "v-2"), (afterFailure.Last!.Status, afterFailure.Last.Serving, afterFailure.Active));
        Assert.Equal(("rolled-back", "v-1", "v-2"), (rolledBack.Status, rolledBack.Serving, rolledBack.Previous));
        Assert.Equal(["v-1"], await deployment.RunningVersionsAsync());
        Assert.Equal("v-1", await ServedVersionAsync(deployment));
    }

    [Fact]
    public async Task Deploying_the_version_already_serving_says_unchanged_and_starts_nothing()
    {
        await using var deployment = new DeploymentUnderTest(build);
        var package = Packages.Good(deployment.Root, "v-1");
        await deployment.Target.DeployAsync(deployment.Request(package), Ct);

        var again = await deployment.Target.DeployAsync(deployment.Request(package), Ct);

        Assert.Equal("unchanged", again.Status);
        Assert.Equal(["v-1"], await deployment.RunningVersionsAsync());
    }

    [Fact]
    public async Task The_stable_address_answers_classifications_from_a_non_root_memory_limited_container()
    {
        await using var deployment = new DeploymentUnderTest(build);
        await deployment.Target.DeployAsync(deployment.Request(Packages.Good(deployment.Root, "v-1")), Ct);

        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(deployment.Address, "/v1/classify"), new { text = "please refund my order" }, Ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var inspect = await DeploymentUnderTest.Docker("inspect", "--format", "{{.Config.User}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.ReadonlyRootfs}}",
            (await DeploymentUnderTest.Docker("ps", "-q", "--filter", $"label={DeploymentLabels.Deployment}={deployment.Name}", "--filter", $"label={DeploymentLabels.Role}=backend")).Trim());

        Assert.Equal("refund", answer.GetProperty("label").GetString());
        Assert.Equal("10001:10001 536870912 1000000000 true", inspect.Trim());
    }

    internal static async Task<string?> ServedVersionAsync(DeploymentUnderTest deployment)
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<JsonElement>(new Uri(deployment.Address, "/health"), Ct)).GetProperty("version").GetString();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
