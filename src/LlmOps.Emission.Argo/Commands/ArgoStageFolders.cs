using LlmOps.Cli;
using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo;

/// <summary>What <see cref="ArgoImportCommand"/> needs: the stage, its folders and the store.</summary>
internal static class ArgoStageFolders
{
    /// <summary>The stage named by the first argument and the two folders after it, or a usage error.</summary>
    public static (StageModel Stage, string From, string Into) Parse(CliContext context, string command)
    {
        var args = context.CommandLine.Targets.Skip(1).ToList();
        if (args.Count != 3)
        {
            throw new UsageException($"usage: ./build.sh {command} <Pipeline>.<Stage> <from folder> <into folder>");
        }

        var stage = context.Pipelines.SelectMany(p => p.Stages).FirstOrDefault(s => string.Equals(s.Id, args[0], StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"{command}: no stage '{args[0]}'; give it as <Pipeline>.<Stage>.");
        return (stage, args[1], args[2]);
    }

    /// <summary>The repository's artifact store, as the executor opens it.</summary>
    public static ArtifactStore Store(CliContext context)
    {
        var state = StateLayout.Of(context.RootDirectory);
        return new ArtifactStore(state.Store, FileHashCache.Load(state.FileHashes));
    }

    /// <summary>Copies a folder's files (a store tree is read-only hard links; the copies are the container's own).</summary>
    public static void Copy(string from, string into)
    {
        var temp = into.TrimEnd('/') + $".{Environment.ProcessId}.tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        FolderCopy.Into(from, temp);
        if (Directory.Exists(into))
        {
            Directory.Delete(into, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(into))!);
        Directory.Move(temp, into);
    }
}
