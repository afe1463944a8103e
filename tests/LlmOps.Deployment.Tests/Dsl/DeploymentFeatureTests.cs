using LlmOps.Dsl;

namespace LlmOps.Deployment.Tests;

public sealed class DeploymentFeatureTests
{
    [Fact]
    public void A_deployment_without_a_target_is_a_definition_error_that_says_how_to_add_one()
    {
        var feature = new DeploymentFeature(new Artifact<PackageArtifact>("intent-package"));

        var problems = feature.Check(null!).ToList();

        Assert.Contains(problems, p => p.Contains(".To(DeployTarget.Docker())", StringComparison.Ordinal));
    }

    [Fact]
    public void Keeping_no_versions_is_a_definition_error()
    {
        var feature = new DeploymentFeature(new Artifact<PackageArtifact>("intent-package")) { Target = DeployTarget.LocalDirectory("d"), KeepVersions = 0 };

        Assert.Contains(feature.Check(null!), p => p.Contains(".KeepVersions(0)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_names_the_package_the_target_the_smoke_cases_and_the_bound()
    {
        var feature = new DeploymentFeature(new Artifact<PackageArtifact>("intent-package")) { Target = DeployTarget.Docker(o => o.Port = 9090) };
        feature.Smoke.Expect("where is my parcel", "shipping");

        Assert.Equal("deploy intent-package to docker 127.0.0.1:9090, base debian:bookworm-slim, 512m memory, 1 cpu, 1 smoke case(s), keep 3", feature.PlanAnnotation);
    }

    [Fact]
    public void Every_deployment_asks_CI_for_its_environment_so_approvals_gate_it()
    {
        var feature = new DeploymentFeature(new Artifact<PackageArtifact>("intent-package")) { Target = DeployTarget.LocalDirectory("d") };
        var job = new CiJobRequirements();

        feature.Contribute(job);

        Assert.Equal("production", job.Deployment?.Environment);
    }

    [Theory]
    [InlineData("CI", "true", true)]
    [InlineData("TF_BUILD", "True", true)]
    [InlineData("GITHUB_ACTIONS", "true", true)]
    [InlineData("CI", "false", false)]
    [InlineData("HOME", "/root", false)]
    public void CI_is_recognised_by_the_variables_the_platforms_set(string variable, string value, bool expected)
    {
        Assert.Equal(expected, LlmOps.Runtime.CiEnvironment.IsCi(name => name == variable ? value : null));
    }

    [Fact]
    public void A_docker_target_with_an_unreadable_memory_limit_is_refused_when_declared()
    {
        Assert.ThrowsAny<Exception>(() => DeployTarget.Docker(o => o.Memory = "lots"));
    }

    [Fact]
    public void Smoke_cases_post_the_text_to_classify_and_check_the_label()
    {
        var check = SmokeCase.Classify("where is my \"parcel\"", "shipping");

        Assert.Equal(("/v1/classify", """{"text":"where is my \u0022parcel\u0022"}""", "label", "shipping"), (check.Route, check.Body, check.Field, check.Expected));
    }
}
