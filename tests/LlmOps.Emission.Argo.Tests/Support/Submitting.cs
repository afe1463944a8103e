using LlmOps.Cli;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>Runs <c>./build.sh Submit &lt;Pipeline&gt; --to argo</c> for a test pipeline against a fake API server.</summary>
public static class Submitting
{
    public static async Task<(int Code, string Output)> RunAsync(FakeKubernetesApi api, Type pipeline, string name, Dictionary<string, string>? parameters = null)
    {
        using var output = new StringWriter();
        var pipelines = PipelineLoader.LoadAll([pipeline], new ParameterSources(Loaded.Root, parameters ?? [], _ => null, []));
        var context = new CliContext(Loaded.Root, CommandLine.Parse(["Submit", name, "--to", "argo"]), pipelines, output, output, _ => null);
        var code = await new ArgoSubmitCommand(() => api.Configuration).RunAsync(context, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }
}
