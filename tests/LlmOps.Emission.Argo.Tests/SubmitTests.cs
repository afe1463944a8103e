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
        Assert.True(requests.FindIndex(r => Describe(r) == "POST workflows dry") < requests.FindIndex(r => Describe(r) == "POST workflows"), "the dry run of the create came after the real one");
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
        Assert.Equal(["prepare", "train", "approve-deploy", "deploy", "notify"], SummaryTasks(output));
    }

    [Fact]
    public async Task A_failed_workflow_exits_1_like_a_failed_local_run_and_names_the_failed_task()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { Watches = ["watch-failed.jsonl"] });

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(1, code);
        Assert.Contains("Workflow train-7xk2p: Failed", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  train +Failed \(Error \(exit code 1\)\)", output);
        Assert.Matches(@"\n  deploy +Omitted \(omitted: depends condition not met\)", output);
    }

    [Fact]
    public async Task A_recorded_failed_workflow_is_summarized_by_its_pod_and_suspend_tasks_not_its_dag_nodes()
    {
        // The Workflow as Argo's controller wrote it (nested DAGs, suspend nodes, conditions, progress), unchanged.
        await using var api = await FakeKubernetesApi.StartAsync(new() { Namespace = "argo", CreatedName = "fail-two-nested-dag-suspend", Watches = ["watch-recorded-nested-dag-failed.jsonl"] });

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(1, code);
        Assert.Contains("Workflow fail-two-nested-dag-suspend: Failed", output, StringComparison.Ordinal);
        var tasks = SummaryTasks(output);
        Assert.Equal(12, tasks.Count);
        Assert.DoesNotContain(tasks, t => t.StartsWith("dag1-step3-middle", StringComparison.Ordinal) || t == "dag2-branch1-step2" || t == "dag2-branch2-step1" || t == "fail-two-nested-dag-suspend");
        Assert.Matches(@"\n  dag1-step5-tofail +Failed \(Error \(exit code 1\)\)", output);
    }

    [Fact]
    public async Task A_retried_task_is_one_summary_line_and_an_omitted_task_says_why()
    {
        // Argo's recorded retry-with-dags: Retry nodes with attempt pods success1(0), fail(0), fail(1), and an
        // omitted task; the script's only edit ends it (status.phase Failed), as the controller did next.
        await using var api = await FakeKubernetesApi.StartAsync(new() { Namespace = "argo", CreatedName = "retry-with-dags", Watches = ["watch-recorded-retry-with-dags.jsonl"] });

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(1, code);
        Assert.Equal(["success1", "fail", "success2"], SummaryTasks(output));
        Assert.Matches(@"\n  fail +Failed \(No more retries left\)", output);
        Assert.Matches(@"\n  success2 +Omitted \(omitted: depends condition not met\)", output);
    }

    [Fact]
    public async Task The_watch_starts_again_from_the_current_state_after_a_410_Expired_event()
    {
        // The first watch ends with the ERROR event a real API server sent for an expired resourceVersion.
        await using var api = await FakeKubernetesApi.StartAsync(new() { Watches = ["watch-expired.jsonl", "watch-succeeded.jsonl"] });

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(0, code);
        Assert.Contains("Workflow train-7xk2p: Succeeded", output, StringComparison.Ordinal);
        var watches = api.Requests.Where(r => r.Query.Contains("watch=true", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, watches.Count);
        Assert.DoesNotContain("resourceVersion=", watches[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_watch_resumes_from_the_last_resource_version_when_the_server_ends_it()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { Watches = ["watch-running.jsonl", "watch-succeeded.jsonl"] });

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(0, code);
        var watches = api.Requests.Where(r => r.Query.Contains("watch=true", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, watches.Count);
        Assert.Contains("resourceVersion=1002", watches[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_422_on_the_dry_run_stops_before_anything_is_created_and_names_the_field()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { RejectTemplateWith = "status-422.json" });

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(2, code);
        Assert.Contains("(dry run): 422 Invalid", output, StringComparison.Ordinal);
        Assert.Contains("spec.templates[1].containerSet.containers[1].resources.limits[nvidia.com/gpu]", output, StringComparison.Ordinal);
        Assert.Single(api.Requests);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_422_with_two_causes_names_both_fields()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { RejectTemplateWith = "recorded/kubernetes/status-422-deployment-invalid.json" });

        var (code, output) = await RunAsync(new ArgoSubmitCommand(() => api.Configuration), ["Submit", "ArgoTrain", "--to", "argo"]);

        Assert.Equal(2, code);
        Assert.Contains("(dry run): 422 Invalid: Deployment.apps", output, StringComparison.Ordinal);
        Assert.Contains("[metadata.name: Invalid value: \"campaign_12\"", output, StringComparison.Ordinal);
        Assert.Contains("; spec.template.spec.containers: Required value]", output, StringComparison.Ordinal);
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
    public async Task Resume_approves_the_running_suspend_node_of_a_recorded_workflow()
    {
        await using var api = await FakeKubernetesApi.StartAsync();

        var (code, output) = await RunAsync(new ArgoResumeCommand(() => api.Configuration), ["Resume", "suspend"], environment: new() { ["USER"] = "ana" });

        Assert.Equal(0, code);
        Assert.Contains("Approved approve of suspend as ana.", output, StringComparison.Ordinal);
        var nodes = api.Workflow("suspend")["status"]!["nodes"]!;
        Assert.Equal("Succeeded", (string?)nodes["suspend-template-xjsg2-1771269240"]!["phase"]);
        Assert.Equal("Running", (string?)nodes["suspend-template-xjsg2-4125372399"]!["phase"]);
    }

    [Fact]
    public async Task Resume_of_a_recorded_finished_workflow_says_it_waits_for_no_approval()
    {
        await using var api = await FakeKubernetesApi.StartAsync(new() { Namespace = "argo" });

        var (code, output) = await RunAsync(new ArgoResumeCommand(() => api.Configuration), ["Resume", "fail-two-nested-dag-suspend"]);

        Assert.Equal(1, code);
        Assert.Contains("waits for no approval", output, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Resume_of_a_workflow_whose_nodes_argo_offloaded_records_the_approver_and_says_to_finish_with_argo_resume()
    {
        await using var api = await FakeKubernetesApi.StartAsync();

        var (code, output) = await RunAsync(new ArgoResumeCommand(() => api.Configuration), ["Resume", "suspend-offloaded"], environment: new() { ["USER"] = "ana" });

        Assert.Equal(2, code);
        Assert.Contains("keeps its node status in Argo's database (status.offloadNodeStatusVersion)", output, StringComparison.Ordinal);
        Assert.Contains("It recorded ana as the approver; now let it through with `argo resume suspend-offloaded`", output, StringComparison.Ordinal);
        var patch = Assert.Single(api.Requests, r => r.Method == "PATCH");
        Assert.Contains("\"llmops.dev/approved-by\":\"ana\"", patch.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\"", patch.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_without_a_cluster_says_so_without_a_stack_trace()
    {
        var (code, output) = await RunAsync(new ArgoResumeCommand(() => new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9", Namespace = "llmops" }), ["Resume", "train-7xk2p"]);

        Assert.Equal(2, code);
        Assert.Contains("the Kubernetes API server could not be reached", output, StringComparison.Ordinal);
    }

    // The task column of the summary's lines ("  <task> <phase> (<message>)"), in order.
    private static List<string> SummaryTasks(string output) =>
        [.. output[output.IndexOf("\nWorkflow ", StringComparison.Ordinal)..].Split('\n').Skip(2)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim().Split(' ')[0])];

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
