using LlmOps.Cli.Plans;

namespace LlmOps.Core.Tests.PlanDiffs;

public sealed class WorkflowJobsTests
{
    [Fact]
    public void A_github_workflow_splits_into_its_jobs_and_the_settings_before_them()
    {
        const string yaml = "# Generated\nname: support\non:\n  push:\n    branches:\n      - main\npermissions: {}\njobs:\n  validate:\n    runs-on: ubuntu-latest\n  train:\n    needs: validate\n    steps:\n      - run: x\n";

        var jobs = WorkflowJobs.Split(yaml);

        Assert.Equal(["(workflow)", "train", "validate"], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("  train:\n    needs: validate\n    steps:\n      - run: x\n", jobs["train"]);
        Assert.Contains("  push:", jobs["(workflow)"]);
        Assert.DoesNotContain("runs-on", jobs["(workflow)"]);
    }

    [Fact]
    public void An_azure_pipeline_splits_into_its_jobs_and_deployments_with_stage_headers_kept_apart()
    {
        const string yaml = "trigger: none\nstages:\n  - stage: Build\n    jobs:\n      - job: Validate\n        steps: []\n      - job: Train\n        steps: []\n  - stage: Release\n    jobs:\n      - deployment: Deploy\n        environment: prod\n";

        var jobs = WorkflowJobs.Split(yaml);

        Assert.Equal(["(workflow)", "Deploy", "Train", "Validate"], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("environment: prod", jobs["Deploy"]);
        Assert.Contains("- stage: Release", jobs["(workflow)"]);
        Assert.DoesNotContain("- stage:", jobs["Train"]);
    }
}
