using System.Diagnostics;
using System.Text.Json.Nodes;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>
/// Caching on Argo stays LlmOps's: with a shared store every cacheable task is preceded by a cache check that asks the
/// executor, and the task is skipped (and shown skipped in the workflow's graph) when everything it would compute is
/// already stored.
/// </summary>
public sealed class CacheCheckTests
{
    private static readonly Lazy<JsonObject> Shared = new(() => KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(SharedStoreTrainPipeline), ".workflowtemplate.yaml")));

    [Fact]
    public void With_a_shared_store_each_task_of_the_plan_runs_its_check_then_its_job_only_on_a_miss()
    {
        var plan = DagGraph.Of(Shared.Value);
        var cached = Template("cached-train");
        var inner = cached["dag"]!["tasks"]!.AsArray();

        Assert.Equal("cached-train", (string?)Task("train")["template"]);
        Assert.Equal(["prepare"], plan["train"]);
        Assert.Equal(["reuse-train", "train"], inner.Select(t => (string)t!["name"]!));
        Assert.Null(inner[0]!["depends"]);
        Assert.Equal("reuse-train", (string?)inner[1]!["depends"]);
        Assert.Equal("train", (string?)inner[1]!["template"]);
        Assert.Equal("{{tasks.reuse-train.outputs.parameters.reused}} == false", (string?)inner[1]!["when"]);
    }

    [Fact]
    public void The_check_of_a_deployment_runs_after_its_approval()
    {
        var graph = DagGraph.Of(Shared.Value);

        Assert.Equal(["train"], graph["approve-deploy"]);
        Assert.Equal(["approve-deploy", "train"], graph["deploy"].Order(StringComparer.Ordinal));
        Assert.Equal("cached-deploy", (string?)Task("deploy")["template"]);
    }

    [Fact]
    public void The_checked_task_hands_on_the_checks_artifacts_on_a_hit_and_the_jobs_otherwise()
    {
        var outputs = Template("cached-prepare")["outputs"]!["artifacts"]!.AsArray().Single()!;
        var data = Task("train")["arguments"]!["artifacts"]!.AsArray().Single()!;
        var forwarded = Template("cached-train")["dag"]!["tasks"]!.AsArray().Select(t => (string?)t!["arguments"]!["artifacts"]![0]!["from"]);

        Assert.Equal("data", (string?)outputs["name"]);
        Assert.Equal(
            "tasks['reuse-prepare'].outputs.parameters.reused == 'true' ? tasks['reuse-prepare'].outputs.artifacts['data'] : tasks['prepare'].outputs.artifacts['data']",
            (string?)outputs["fromExpression"]);
        Assert.Equal("{{tasks.prepare.outputs.artifacts.data}}", (string?)data["from"]);
        Assert.Equal("data", (string?)Template("cached-train")["inputs"]!["artifacts"]![0]!["name"]);
        Assert.Equal(["{{inputs.artifacts.data}}", "{{inputs.artifacts.data}}"], forwarded);
    }

    [Fact]
    public void The_check_exports_the_tasks_artifacts_optionally_and_says_whether_it_reused_them()
    {
        var check = Template("reuse-train");
        var outputs = check["outputs"]!;

        Assert.Equal("/tmp/llmops-reused", (string?)outputs["parameters"]![0]!["valueFrom"]!["path"]);
        Assert.Equal("reused", (string?)outputs["parameters"]![0]!["name"]);
        var model = outputs["artifacts"]!.AsArray().Single()!;
        Assert.True((bool)model["optional"]!);
        Assert.Equal("/workspace/.llmops/export/model", (string?)model["path"]);
        Assert.Equal("/workspace/.llmops/import/data", (string?)check["inputs"]!["artifacts"]![0]!["path"]);
        var mounts = check["container"]!["volumeMounts"]!.AsArray();
        Assert.Contains(mounts, m => (string?)m!["mountPath"] == "/workspace/.llmops/cache" && (string?)m["subPath"] == "cache");
        Assert.Contains("./build.sh SharedStoreTrain.Train --skip --cached-only --export .llmops/export", Script(check), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_pod_that_computes_keys_on_the_shared_store_takes_the_salt_from_the_secret_never_a_value()
    {
        var export = Template("train")["containerSet"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == "export")!;
        foreach (var container in new[] { Template("reuse-train")["container"]!, Template("prepare")["container"]!, export })
        {
            var salt = container["env"]!.AsArray().Single(v => (string?)v!["name"] == "LLMOPS_SECRET_SALT")!;
            Assert.Null(salt["value"]);
            Assert.Equal("LLMOPS_SECRET_SALT", (string?)salt["valueFrom"]!["secretKeyRef"]!["key"]);
            Assert.True((bool)salt["valueFrom"]!["secretKeyRef"]!["optional"]!);
        }
    }

    [Fact]
    public void A_container_stages_export_commits_into_the_shared_store_so_the_next_check_finds_it()
    {
        var export = Template("train")["containerSet"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == "export")!;

        Assert.Contains(export["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/workspace/.llmops/store" && (string?)m["subPath"] == "store");
        Assert.Contains("--outputs-from /llmops/outputs --export /llmops/export", (string?)export["args"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_is_checked_and_run_as_one_run_so_a_later_stage_takes_what_the_earlier_produced_in_it()
    {
        var document = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(GroupedSharedStorePipeline), ".workflowtemplate.yaml"));
        string Script(string template) => (string)document["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == template)!["container"]!["args"]![0]!;

        Assert.Contains("./build.sh GroupedSharedStore.Prepare GroupedSharedStore.Clean --skip --cached-only --export .llmops/export --shared-store ||", Script("reuse-data"), StringComparison.Ordinal);
        Assert.Contains("./build.sh GroupedSharedStore.Prepare GroupedSharedStore.Clean --skip --export .llmops/export --shared-store\n", Script("data"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_shared_store_nothing_is_checked_and_no_task_has_a_condition()
    {
        var document = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml"));

        Assert.DoesNotContain(document["spec"]!["templates"]!.AsArray(), t => ((string)t!["name"]!).StartsWith("reuse-", StringComparison.Ordinal) || ((string)t["name"]!).StartsWith("cached-", StringComparison.Ordinal));
        Assert.Equal("train", (string?)document["spec"]!["templates"]![0]!["dag"]!["tasks"]!.AsArray().Single(t => (string?)t!["name"] == "train")!["template"]);
    }

    [Theory]
    [InlineData(0, "true", true)]
    [InlineData(4, "false", false)]
    public void The_checks_script_turns_the_executors_answer_into_the_verdict_and_exports_only_on_a_hit(int exitCode, string verdict, bool exported)
    {
        using var pod = new ScriptPod(exitCode);

        var (code, output) = pod.Run(Script(Template("reuse-prepare")));

        Assert.True(code == 0, output);
        Assert.Equal(verdict, pod.Verdict);
        Assert.Equal(exported, Directory.Exists(Path.Combine(pod.Root, ".llmops", "export", "data")));
    }

    [Fact]
    public void The_checks_script_fails_when_the_executor_fails_rather_than_calling_it_a_miss()
    {
        using var pod = new ScriptPod(1);

        var (code, _) = pod.Run(Script(Template("reuse-prepare")));

        Assert.Equal(1, code);
        Assert.Null(pod.Verdict);
    }

    private static string Script(JsonNode template) => (string)template["container"]!["args"]![0]!;

    private static JsonObject Template(string name) =>
        Shared.Value["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();

    private static JsonObject Task(string name) =>
        Shared.Value["spec"]!["templates"]![0]!["dag"]!["tasks"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();

    /// <summary>A folder standing in for the pod: a <c>build.sh</c> that exports an artifact and exits as told, and the verdict file.</summary>
    private sealed class ScriptPod : IDisposable
    {
        private readonly string _verdict;

        public ScriptPod(int exitCode)
        {
            Root = Directory.CreateTempSubdirectory("llmops-argo-check-").FullName;
            _verdict = Path.Combine(Root, "verdict");
            var stub = Path.Combine(Root, "build.sh");
            File.WriteAllText(stub, $"#!/bin/sh\nmkdir -p .llmops/export/data && echo rows > .llmops/export/data/rows.txt\nexit {exitCode}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public string Root { get; }

        public string? Verdict => File.Exists(_verdict) ? File.ReadAllText(_verdict).Trim() : null;

        public (int Code, string Output) Run(string script)
        {
            var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };

            // The pod's environment: every parameter variable is set (empty ones are unset by the script itself).
            foreach (var name in new[] { "NOTES", "EPOCHS", "TRAIN_MEMORY", "HF_TOKEN" })
            {
                start.Environment[name] = "";
            }

            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script.Replace("/tmp/llmops-reused", _verdict, StringComparison.Ordinal));
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
