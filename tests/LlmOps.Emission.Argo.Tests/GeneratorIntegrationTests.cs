using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>The Argo files go through the core generator's write and check like every generated file.</summary>
public sealed class GeneratorIntegrationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-argo-generate-").FullName;

    [Fact]
    public void Written_files_check_up_to_date_and_a_renamed_templates_old_files_are_orphans_that_a_write_deletes()
    {
        var files = WorkflowGenerator.Generate(Loaded.Pipelines(typeof(ArgoTrainPipeline)), _root);
        WorkflowGenerator.Write(files, _root);
        Assert.True(WorkflowGenerator.Check(files, _root).IsUpToDate);

        var old = Path.Combine(_root, "deploy", "argo", "old.workflowtemplate.yaml");
        File.WriteAllText(old, File.ReadAllText(Path.Combine(_root, "deploy", "argo", "train.workflowtemplate.yaml")));
        File.WriteAllText(Path.Combine(_root, "deploy", "argo", "hand-written.yaml"), "kind: ConfigMap\n");

        Assert.Equal(["deploy/argo/old.workflowtemplate.yaml"], WorkflowGenerator.Check(files, _root).Orphaned);
        Assert.Equal(["deploy/argo/old.workflowtemplate.yaml"], WorkflowGenerator.Write(files, _root));
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(Path.Combine(_root, "deploy", "argo", "hand-written.yaml")));
    }

    [Fact]
    public void A_stale_argo_file_fails_the_check()
    {
        var files = WorkflowGenerator.Generate(Loaded.Pipelines(typeof(ArgoTrainPipeline)), _root);
        WorkflowGenerator.Write(files, _root);
        var path = Path.Combine(_root, "deploy", "argo", "train.workflowtemplate.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"16Gi\"", "\"8Gi\"", StringComparison.Ordinal));

        Assert.Equal(["deploy/argo/train.workflowtemplate.yaml"], WorkflowGenerator.Check(files, _root).Stale);
    }

    [Fact]
    public void A_platform_that_writes_outside_its_folders_is_refused()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(RoguePlatformPipeline)));

        Assert.Contains("Rogue platform 'rogue': the platform would write .github/workflows/rogue.yml without the generated header or outside its folders (deploy/rogue)", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
