using LlmOps.Emission.Azure;
using LlmOps.Emission.GitHub;
using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// Generates the CI files of every loaded pipeline that implements <see cref="IHasWorkflows"/>, from the same plan
/// the local executor runs, and checks the files on disk against them (<c>./build.sh GenerateWorkflows [--check]</c>).
/// </summary>
public static class WorkflowGenerator
{
    /// <summary>
    /// The files to write, ordered by path. GitHub jobs use the actions pinned in the root's
    /// <see cref="ActionPins.FilePath"/> (or the built-in pins). Throws <see cref="EmissionException"/> for declaration
    /// mistakes and for a pins file that breaks its rules.
    /// </summary>
    public static IReadOnlyList<GeneratedFile> Generate(IReadOnlyList<PipelineModel> pipelines, string rootDirectory)
    {
        var graph = StageGraph.Build(pipelines);
        var pins = ActionPins.Load(rootDirectory);
        var files = new List<(GeneratedFile File, string Where)>();
        foreach (var pipeline in pipelines)
        {
            if (pipeline.Instance is not IHasWorkflows declared)
            {
                continue;
            }

            foreach (var workflow in Declared(pipeline, declared))
            {
                var layout = WorkflowPlanner.Layout(pipeline, graph, workflow);
                PlanShapingParameters.Apply(layout, rootDirectory);
                files.AddRange(EmitAll(layout, rootDirectory, pins).Select(f => (f, layout.Where)));
            }
        }

        var clash = files.GroupBy(f => f.File.Path, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new EmissionException($"{string.Join(" and ", clash.Select(c => c.Where))} would both write {clash.Key}; give them different names.");
        }

        return files.Select(f => f.File).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Emits one laid-out workflow as its files: one for the built-in platforms, what the declaration renders for a
    /// platform of another library (<see cref="IWorkflowPlatform"/>).
    /// </summary>
    public static IReadOnlyList<GeneratedFile> EmitAll(WorkflowLayout layout, string rootDirectory, ActionPins pins)
    {
        if (layout.Workflow is not IWorkflowPlatform platform)
        {
            return [Emit(layout, rootDirectory, pins)];
        }

        InputDefaultRules.Check(layout);
        CheckedPath(layout, layout.Workflow.Name);
        var files = platform.Emit(layout, rootDirectory);
        var foreign = files.FirstOrDefault(f => !GeneratedHeader.IsOn(f.Content.Split('\n')[0]) || !platform.OwnedFolders.Any(d => f.Path.StartsWith(d.TrimEnd('/') + "/", StringComparison.Ordinal)));
        return foreign is null
            ? files
            : throw new EmissionException($"{layout.Where}: the platform would write {foreign.Path} without the generated header or outside its folders ({string.Join(", ", platform.OwnedFolders)}).");
    }

    /// <summary>Emits one laid-out workflow of a built-in platform.</summary>
    /// <param name="layout">The laid-out workflow.</param>
    /// <param name="rootDirectory">The repository root.</param>
    /// <param name="pins">The actions GitHub jobs use: <see cref="ActionPins.Load"/> of the same root.</param>
    public static GeneratedFile Emit(WorkflowLayout layout, string rootDirectory, ActionPins pins)
    {
        InputDefaultRules.Check(layout);
        var (path, document) = layout.Workflow switch
        {
            GitHubWorkflow github => (CheckedPath(layout, GitHubEmitter.PathOf(github)), GitHubEmitter.Emit(layout, rootDirectory, pins)),
            AzurePipeline azure => (CheckedPath(layout, AzureEmitter.PathOf(azure)), AzureEmitter.Emit(layout, rootDirectory)),
            _ => throw new EmissionException($"{layout.Where}: unknown kind of workflow {layout.Workflow.GetType().Name}."),
        };
        try
        {
            return new GeneratedFile(path, YamlWriter.Write(document, [GeneratedHeader.For(layout.Pipeline)]));
        }
        catch (ArgumentException e)
        {
            throw new EmissionException($"{layout.Where}: {e.Message}");
        }
    }

    /// <summary>
    /// Writes <paramref name="files"/> under <paramref name="rootDirectory"/> (UTF-8 without BOM, LF, each atomically)
    /// and deletes the files that carry the generated header but that no declaration writes any more, so the files
    /// on disk are exactly what <see cref="Check(IReadOnlyList{GeneratedFile}, string)"/> expects.
    /// </summary>
    /// <returns>The orphaned files deleted, relative to the root.</returns>
    public static IReadOnlyList<string> Write(IReadOnlyList<GeneratedFile> files, string rootDirectory)
    {
        foreach (var file in files)
        {
            var full = Path.Combine(rootDirectory, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            LlmOps.Runtime.AtomicFile.WriteAllText(full, file.Content);
        }

        var orphaned = Orphaned(files, rootDirectory);
        foreach (var path in orphaned)
        {
            File.Delete(Path.Combine(rootDirectory, path));
        }

        return orphaned;
    }

    /// <summary>Compares the files on disk with <see cref="Generate"/>'s output.</summary>
    public static WorkflowCheck Check(IReadOnlyList<PipelineModel> pipelines, string rootDirectory) =>
        Check(Generate(pipelines, rootDirectory), rootDirectory);

    /// <summary>Compares the files on disk with <paramref name="expected"/>.</summary>
    public static WorkflowCheck Check(IReadOnlyList<GeneratedFile> expected, string rootDirectory)
    {
        var missing = new List<string>();
        var stale = new List<string>();
        foreach (var file in expected)
        {
            var full = Path.Combine(rootDirectory, file.Path);
            if (!File.Exists(full))
            {
                missing.Add(file.Path);
            }
            else if (Normalize(File.ReadAllText(full)) != Normalize(file.Content))
            {
                stale.Add(file.Path);
            }
        }

        return new WorkflowCheck(missing, stale, Orphaned(expected, rootDirectory));
    }

    private static List<string> Orphaned(IReadOnlyList<GeneratedFile> expected, string rootDirectory)
    {
        var known = expected.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var declaredFolders = expected.Select(f => Path.GetDirectoryName(Path.Combine(rootDirectory, f.Path))!).Where(Directory.Exists).Distinct(StringComparer.Ordinal);
        return GeneratedFiles(rootDirectory).Concat(declaredFolders.SelectMany(f => GeneratedFilesIn(rootDirectory, f)))
            .Distinct(StringComparer.Ordinal)
            .Where(p => !known.Contains(p))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // Every YAML file in the repository that starts with the generated header: platforms of other libraries write into
    // folders of their own (IWorkflowPlatform.OwnedFolders), and a platform removed from the declarations, or a folder
    // renamed, leaves files no current declaration names. The header marks a file as ours, so wherever it sits it is
    // an orphan once nothing generates it. Not the repository's own, so not looked at: build output, dependencies,
    // hidden folders (state, tools; .github and the folders declared platforms write to are), nested repositories
    // (submodules, vendored checkouts) and folders that cannot be read.
    private static IEnumerable<string> GeneratedFiles(string rootDirectory)
    {
        var pending = new Stack<string>([rootDirectory]);
        while (pending.TryPop(out var folder))
        {
            foreach (var child in Listed(() => Directory.EnumerateDirectories(folder)))
            {
                var name = Path.GetFileName(child);
                if (!IgnoredFolder(name) && new DirectoryInfo(child).LinkTarget is null && !Path.Exists(Path.Combine(child, ".git")))
                {
                    pending.Push(child);
                }
            }

            foreach (var path in GeneratedFilesIn(rootDirectory, folder))
            {
                yield return path;
            }
        }
    }

    private static IEnumerable<string> GeneratedFilesIn(string rootDirectory, string folder) =>
        Listed(() => Directory.EnumerateFiles(folder))
            .Where(f => (f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)) && GeneratedHeader.IsOn(FirstLine(f)))
            .Select(f => Path.GetRelativePath(rootDirectory, f).Replace('\\', '/'));

    private static List<string> Listed(Func<IEnumerable<string>> list)
    {
        try
        {
            return [.. list()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IgnoredFolder(string name) =>
        (name.StartsWith('.') && name != ".github") || name is "bin" or "obj" or "node_modules";

    private static string? FirstLine(string file)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Evaluating the declarations runs user code: a mistake there (OnManualDispatch(() => SomeConst)) is the
    // pipeline's declaration error, reported with its name instead of a stack trace.
    private static List<WorkflowDefinition> Declared(PipelineModel pipeline, IHasWorkflows declared)
    {
        try
        {
            return declared.Workflows.ToList();
        }
        catch (Exception e) when (e is not EmissionException)
        {
            throw new EmissionException($"{pipeline.Name} ({pipeline.Type.FullName}): declaring its workflows failed: {e.Message}");
        }
    }

    private static string CheckedPath(WorkflowLayout layout, string path)
    {
        var name = layout.Workflow.Name;
        var valid = name.Length <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.StartsWith('.');
        return valid && (name.Length > 0 || layout.Workflow is AzurePipeline)
            ? path
            : throw new EmissionException($"{layout.Where}: the name '{name}' cannot name a file; use ASCII letters, digits, '-', '_' and '.'.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');
}
