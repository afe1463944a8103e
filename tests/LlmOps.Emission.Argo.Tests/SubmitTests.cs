using LlmOps.Cli;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Tests;

/// <summary><c>Submit</c> and <c>Resume</c> end to end against a fake Kubernetes API server on loopback.</summary>
public sealed class SubmitTests
{
    [Fact]
    public async Task Submit_dry_runs_with_strict_validation_then_applies_creates_watches_and_streams_logs()
    {
        await using var api = await FakeKubernetesApi.StartAsync();

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"], new() { ["epochs"] = "5" });

        Assert.Equal(0, code);
        var requests = api.Requests.ToList();
        Assert.Equal(
            ["PATCH workflowtemplates dry", "POST workflows dry", "PATCH workflowtemplates", "POST workflows", "GET workflows watch"],
            requests.Where(r => r.Path.Contains("argoproj.io", StringComparison.Ordinal)).Take(5).Select(Describe));
        var apply = requests[0];
        Assert.Contains("fieldValidation=Strict", apply.Query, StringComparison.Ordinal);
        Assert.Contains("fieldManager=llmops", apply.Query, StringComparison.Ordinal);
        Assert.StartsWith("application/apply-patch", apply.ContentType, StringComparison.Ordinal);
        Assert.Contains("fieldValidation=Strict", requests[1].Query, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"epochs\",\"value\":\"5\"}", requests[3].Body, StringComparison.Ordinal);
        Assert.Contains("[prepare] ArgoTrain.Prepare: run", output, StringComparison.Ordinal);
        Assert.Contains("[train] epoch 2 loss 1.87", output, StringComparison.Ordinal);
        Assert.Contains("[train node 1] rank 1: joined the rendezvous", output, StringComparison.Ordinal);
        Assert.Contains(requests, r => r.Path.EndsWith("train-7xk2p-train-node-0-1-abcde/log", StringComparison.Ordinal) && r.Query.Contains("container=trainer", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Path.EndsWith("train-7xk2p-train-2222/log", StringComparison.Ordinal) && r.Query.Contains("container=main", StringComparison.Ordinal) && r.Query.Contains("follow=true", StringComparison.Ordinal));
        Assert.Contains("Workflow train-7xk2p: Succeeded", output, StringComparison.Ordinal);
        Assert.Contains("approve-deploy", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_workflow_exits_1_like_a_failed_local_run_and_names_the_failed_task()
    {
        await using var api = await FakeKubernetesApi.StartAsync(watchFile: "watch-failed.jsonl");

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(1, code);
        Assert.Contains("Workflow train-7xk2p: Failed", output, StringComparison.Ordinal);
        Assert.Contains("Failed (Error (exit code 1))", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_422_on_the_dry_run_stops_before_anything_is_created_and_names_the_field()
    {
        await using var api = await FakeKubernetesApi.StartAsync(rejectTemplateWith: "status-422.json");

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(2, code);
        Assert.Contains("(dry run): 422 Invalid", output, StringComparison.Ordinal);
        Assert.Contains("spec.templates[1].containerSet.containers[1].resources.limits[nvidia.com/gpu]", output, StringComparison.Ordinal);
        Assert.Single(api.Requests);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_without_a_cluster_says_so_without_a_stack_trace()
    {
        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9", Namespace = "llmops" }), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(2, code);
        Assert.Contains("the Kubernetes API server could not be reached", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_approves_the_waiting_suspend_node_and_records_who_approved()
    {
        await using var api = await FakeKubernetesApi.StartAsync();

        var (code, output) = await RunAsync(new ArgoResumeCommand(() => api.Configuration), ["Resume", "train-7xk2p"], environment: new() { ["USER"] = "ana" });

        Assert.Equal(0, code);
        var patch = api.Requests.Single(r => r.Method == "PATCH");
        Assert.StartsWith("application/merge-patch+json", patch.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"train-7xk2p-3333\":{\"phase\":\"Succeeded\",\"message\":\"approved by ana\"", patch.Body, StringComparison.Ordinal);
        Assert.Contains("\"llmops.dev/approved-by\":\"ana\"", patch.Body, StringComparison.Ordinal);
        Assert.Contains("Approved approve-deploy of train-7xk2p as ana.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_without_a_cluster_says_so_without_a_stack_trace()
    {
        var (code, output) = await RunAsync(new ArgoResumeCommand(() => new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9", Namespace = "llmops" }), ["Resume", "train-7xk2p"]);

        Assert.Equal(2, code);
        Assert.Contains("the Kubernetes API server could not be reached", output, StringComparison.Ordinal);
    }

    private static string Describe(FakeKubernetesApi.Request r) =>
        $"{r.Method} {r.Path.Split('/')[6]}{(r.Query.Contains("dryRun=All", StringComparison.Ordinal) ? " dry" : "")}{(r.Query.Contains("watch=true", StringComparison.Ordinal) ? " watch" : "")}";

    private static async Task<(int Code, string Output)> RunAsync(ICliCommand command, string[] args, Dictionary<string, string>? parameters = null, Dictionary<string, string>? environment = null)
    {
        using var output = new StringWriter();
        var line = CommandLine.Parse(args);
        var pipelines = PipelineLoader.LoadAll([typeof(ArgoTrainPipeline)], new ParameterSources(Loaded.Root, parameters ?? [], _ => null, []));
        var context = new CliContext(Loaded.Root, line, pipelines, output, output, name => environment?.GetValueOrDefault(name));
        var code = await command.RunAsync(context, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }
}
