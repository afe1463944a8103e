using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// The outputs of a body that ran outside this process (<see cref="ExecutionOptions.OutputsFrom"/>): each artifact the
/// stage produces is copied from <c>&lt;from&gt;/&lt;artifact&gt;</c> into the attempt's output folder, where the commit
/// ingests it as if the body had written it (<see cref="FolderCopy"/>: what the body left stays for a look after a failure).
/// </summary>
internal static class ExternalOutputs
{
    public static void CopyInto(PlannedStage entry, string from, string outputs, Action<string> log)
    {
        log($"the stage's body ran outside LlmOps; its outputs are taken from {from}");
        foreach (var artifact in entry.Stage.Definition.ProducedArtifacts)
        {
            var source = Path.Combine(from, artifact.Name);
            if (!Directory.Exists(source))
            {
                throw new StageFailedException($"it declares .Produces({artifact.Name}), but the body left no folder {source} (an empty folder is an empty artifact, as in a local run)");
            }

            FolderCopy.Into(source, Path.Combine(outputs, artifact.Name));
        }
    }
}
