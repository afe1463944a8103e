using System.Diagnostics;
using System.Text.Json.Nodes;
using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>
/// A file a stage kind carries from run to run (an append-only audit log): the first job starts from an earlier run's
/// copy, later jobs from the job they wait for, and each hands on its copy only when it was appended to.
/// </summary>
public sealed class CarriedFileTests
{
    private static JsonNode GitHubJob(string job) =>
        YamlText.Parse(Loaded.File(Loaded.Generate(typeof(AuditedPipeline)), ".github/workflows/audited.yml"))["jobs"]![job]!;

    private static JsonArray Steps(JsonNode job) => job["steps"]!.AsArray();

    private static JsonNode Step(JsonNode job, string name) => Steps(job).Single(s => s!["name"]?.GetValue<string>() == name)!;

    [Fact]
    public void The_first_github_job_downloads_the_newest_log_of_an_earlier_run_and_the_next_takes_the_previous_jobs()
    {
        var govern = GitHubJob("Govern");
        var deploy = GitHubJob("Release");

        var newest = Step(govern, "Download the newest llmops-audit (an earlier run's)");
        Assert.Contains("actions/artifacts?name=llmops-audit&per_page=1", newest["run"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("${{ github.token }}", newest["env"]!["GH_TOKEN"]!.GetValue<string>());
        Assert.Equal("read", govern["permissions"]!["actions"]!.GetValue<string>());
        Assert.Equal("llmops-audit", Step(deploy, "Download llmops-audit (from job Govern)")["with"]!["name"]!.GetValue<string>());
        Assert.Null(deploy["permissions"]!["actions"]);
        var names = Steps(deploy).Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.True(names.IndexOf("Download llmops-audit (from job Govern)") < names.IndexOf("Run Audited.Release"));
        Assert.True(names.IndexOf("Run Audited.Release") < names.IndexOf("Upload llmops-audit"));
    }

    [Fact]
    public void A_github_job_hands_the_log_on_even_after_a_failed_stage_but_only_when_it_was_appended_to()
    {
        var job = GitHubJob("Govern");

        var check = Step(job, "Check .llmops/audit/audit.jsonl was only appended to");
        var upload = Step(job, "Upload llmops-audit");
        Assert.Equal("${{ !cancelled() }}", check["if"]!.GetValue<string>());
        Assert.Equal($"${{{{ !cancelled() && steps.{check["id"]!.GetValue<string>()}.outcome == 'success' }}}}", upload["if"]!.GetValue<string>());
        Assert.Equal("true", upload["with"]!["overwrite"]!.ToString());
        Assert.Equal(".llmops/audit/audit.jsonl", upload["with"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void The_emitted_append_only_check_passes_an_appended_log_and_fails_a_rewritten_one()
    {
        var script = Step(GitHubJob("Govern"), "Check .llmops/audit/audit.jsonl was only appended to")["run"]!.GetValue<string>();
        var work = Directory.CreateTempSubdirectory("llmops-carried-").FullName;
        try
        {
            var started = Path.Combine(work, "temp", "llmops-carried", "llmops-audit");
            Directory.CreateDirectory(started);
            Directory.CreateDirectory(Path.Combine(work, ".llmops", "audit"));
            File.WriteAllText(Path.Combine(started, "audit.jsonl"), "{\"seq\":1}\n{\"seq\":2}\n");
            var log = Path.Combine(work, ".llmops", "audit", "audit.jsonl");

            File.WriteAllText(log, "{\"seq\":1}\n{\"seq\":2}\n{\"seq\":3}\n");
            Assert.Equal(0, Bash(script, work).Code);

            File.WriteAllText(log, "{\"seq\":1}\n{\"seq\":3}\n");
            var rewritten = Bash(script, work);
            Assert.Equal(1, rewritten.Code);
            Assert.Contains("it was rewritten, not appended to", rewritten.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Azure_jobs_publish_their_own_copy_and_the_first_looks_for_the_newest_in_earlier_runs_latest_job_first()
    {
        var azure = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(AuditedAzurePipeline)), "azure-pipelines-audited.yml"));
        var govern = AzureSteps(AzureYaml.Job(azure, "Govern"));
        var deploy = AzureSteps(AzureYaml.Job(azure, "Release"));

        var newest = govern.Single(s => s!["displayName"]?.GetValue<string>() == "Download the newest llmops-audit (an earlier run's)")!;
        Assert.Contains("for artifact in llmops-audit-Release llmops-audit-Govern; do", newest["bash"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("$(System.AccessToken)", newest["env"]!["SYSTEM_ACCESSTOKEN"]!.GetValue<string>());
        var download = deploy.Single(s => s!["task"]?.GetValue<string>() == "DownloadPipelineArtifact@2" && s["inputs"]!["artifactName"]!.GetValue<string>() == "llmops-audit-Govern")!;
        Assert.Equal("current", download["inputs"]!["buildType"]!.GetValue<string>());
        var publish = deploy.Single(s => s!["displayName"]?.GetValue<string>() == "Publish llmops-audit")!;
        Assert.Equal("llmops-audit-Release", publish["inputs"]!["artifact"]!.GetValue<string>());
        Assert.Equal("and(not(canceled()), eq(variables['carried_llmops_audit'], 'yes'))", publish["condition"]!.GetValue<string>());
    }

    [Fact]
    public void Two_jobs_that_append_to_the_log_without_waiting_for_each_other_are_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(RacingPipeline)));

        Assert.Contains("jobs 'Left' and 'Right' both append to .llmops/audit/audit.jsonl ('llmops-audit') but neither waits for the other", error.Message, StringComparison.Ordinal);
    }

    // A deployment job's steps are under its strategy.
    private static JsonArray AzureSteps(JsonNode job) => (job["steps"] ?? job["strategy"]!["runOnce"]!["deploy"]!["steps"])!.AsArray();

    private static (int Code, string Output) Bash(string script, string directory)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["RUNNER_TEMP"] = Path.Combine(directory, "temp");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private sealed record AuditLog(bool Deploys = false) : ICiJobContributor
    {
        public void Contribute(CiJobRequirements job)
        {
            job.Carry(new CiCarriedFile("llmops-audit", ".llmops/audit/audit.jsonl", AppendOnly: true));
            if (Deploys)
            {
                job.DeployTo(new DeploymentTarget("production"));
            }
        }
    }

    public sealed class AuditedPipeline : Pipeline, IHasWorkflows
    {
        public Stage Govern => _ => _.With(new AuditLog()).Executes(_ => { });

        public Stage Release => _ => _.DependsOn(Govern).With(new AuditLog(Deploys: true)).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("audited").OnPush("main").Runs(Release)];
    }

    public sealed class AuditedAzurePipeline : Pipeline, IHasWorkflows
    {
        public Stage Govern => _ => _.With(new AuditLog()).Executes(_ => { });

        public Stage Release => _ => _.DependsOn(Govern).With(new AuditLog(Deploys: true)).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("audited").OnPush("main").Runs(Release)];
    }

    public sealed class RacingPipeline : Pipeline, IHasWorkflows
    {
        public Stage Left => _ => _.With(new AuditLog()).Executes(_ => { });

        public Stage Right => _ => _.With(new AuditLog()).Executes(_ => { });

        public Stage Both => _ => _.DependsOn(Left, Right).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("racing").OnPush("main").Runs(Both)];
    }
}
