using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class AzureStageTests
{
    private static readonly System.Text.Json.Nodes.JsonNode Train = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(TrainPipeline)), "azure-pipelines-train.yml"));

    [Fact]
    public void A_deployment_job_has_its_own_stage_that_starts_after_the_stages_it_needs()
    {
        var stage = AzureYaml.StageOf(Train, "Deploy_job");
        Assert.Equal(["Deploy_job"], stage["jobs"]!.AsArray().Select(j => AzureYaml.Id(j!)));
        Assert.Equal(["Build"], AzureYaml.Names(stage["dependsOn"]));

        // Everything the deployment needs ran in stages before it, so approvals are asked for after them.
        var build = AzureYaml.StageOf(Train, "Train");
        Assert.Equal(["Validate", "Lint", "Train", "Evaluate"], build["jobs"]!.AsArray().Select(j => AzureYaml.Id(j!)));
        Assert.Empty(AzureYaml.Names(build["dependsOn"]));
        Assert.NotNull(build["dependsOn"]);
        Assert.Equal("sequential", stage["lockBehavior"]!.GetValue<string>());
        Assert.Null(build["lockBehavior"]);
        Assert.Equal("Deploy to production", stage["displayName"]!.GetValue<string>());
    }

    [Fact]
    public void Jobs_that_run_after_a_failure_get_a_stage_that_runs_after_a_failure()
    {
        var stage = AzureYaml.StageOf(Train, "Notify");
        Assert.Equal("not(canceled())", stage["condition"]!.GetValue<string>());
        Assert.Equal(["Deploy_job"], AzureYaml.Names(stage["dependsOn"]));
        Assert.Equal("not(canceled())", AzureYaml.Job(Train, "Notify")["condition"]!.GetValue<string>());
        Assert.Null(AzureYaml.StageOf(Train, "Train")["condition"]);
    }

    [Fact]
    public void Job_dependencies_name_only_jobs_of_the_same_stage()
    {
        foreach (var stage in AzureYaml.Stages(Train))
        {
            var ids = stage!["jobs"]!.AsArray().Select(j => AzureYaml.Id(j!)).ToHashSet();
            Assert.All(stage["jobs"]!.AsArray(), j => Assert.Subset(ids, AzureYaml.Names(j!["dependsOn"]).ToHashSet()));
        }

        Assert.Equal(["Validate", "Lint"], AzureYaml.Names(AzureYaml.Job(Train, "Train")["dependsOn"]));
    }

    [Fact]
    public void Deployments_to_several_environments_are_promoted_in_the_declared_order()
    {
        var azure = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(PromotionPipeline)), "azure-pipelines-promotion.yml"));
        Assert.Equal(["Build"], AzureYaml.Names(AzureYaml.StageOf(azure, "ToDev")["dependsOn"]));
        Assert.Equal(["Build", "ToDev"], AzureYaml.Names(AzureYaml.StageOf(azure, "ToStaging")["dependsOn"]));
        Assert.Equal(["Build", "ToStaging"], AzureYaml.Names(AzureYaml.StageOf(azure, "ToProduction")["dependsOn"]));

        // A job after a deployment runs in a later build stage, after that deployment only.
        var smoke = AzureYaml.StageOf(azure, "Smoke");
        Assert.Equal("Build_2", smoke["stage"]!.GetValue<string>());
        Assert.Equal(["ToDev"], AzureYaml.Names(smoke["dependsOn"]));

        // Stages come after the stages they depend on.
        var order = AzureYaml.Stages(azure).Select(s => s!["stage"]!.GetValue<string>()).ToList();
        foreach (var stage in AzureYaml.Stages(azure))
        {
            Assert.All(AzureYaml.Names(stage!["dependsOn"]), d => Assert.True(order.IndexOf(d) < order.IndexOf(stage["stage"]!.GetValue<string>())));
        }
    }

    [Fact]
    public void A_promotion_order_that_leaves_out_an_environment_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(IncompletePromotionPipeline)));
        Assert.Contains("PromotesThrough(\"dev\", \"production\") must list each environment the workflow deploys to once", error.Message);
        Assert.Contains("staging", error.Message[error.Message.IndexOf("it deploys to", StringComparison.Ordinal)..]);
    }
}
