using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// The program behind <c>./build.sh</c>: parses the command line, loads and plans the pipelines, then shows help,
/// the plan or a dry run, runs a built-in command, or executes the plan. User mistakes exit with code 2 and a
/// message, never a stack trace; a failed run exits with 1; an interrupted one with 130.
/// </summary>
public sealed class LlmOpsApp
{
    private readonly IReadOnlyList<Type> _pipelines;
    private readonly List<ICliCommand> _commands = [];
    private readonly List<Func<RunEnvironment, IReadOnlyList<PipelineModel>, IRunObserver?>> _observers = [];

    /// <summary>
    /// Creates the app for the given pipeline classes, with the built-in commands (<c>GenerateWorkflows</c>,
    /// <c>Runs</c>, <c>PushRuns</c>) and experiment tracking (MLflow or the local tracker).
    /// </summary>
    public LlmOpsApp(params Type[] pipelines)
    {
        _pipelines = pipelines;
        _commands.Add(new GenerateWorkflowsCommand());
        _commands.Add(new Tracking.RunsCommand());
        _commands.Add(new Tracking.PushRunsCommand());
        _observers.Add((run, _) => new RunReportObserver(run.Runs));
        _observers.Add((run, models) => Tracking.TrackerSelection.Observer(run, Environment, Error, SecretsOf(models)));
    }

    /// <summary>Where output goes (tests redirect it).</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Where errors go.</summary>
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Reads environment variables (tests substitute it).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Adds a built-in command.</summary>
    public LlmOpsApp WithCommand(ICliCommand command)
    {
        _commands.Add(command);
        return this;
    }

    /// <summary>Adds an observer factory (e.g. an experiment tracker); it may return null to stay out.</summary>
    public LlmOpsApp WithObserver(Func<RunEnvironment, IReadOnlyList<PipelineModel>, IRunObserver?> factory)
    {
        _observers.Add(factory);
        return this;
    }

    /// <summary>Runs with Ctrl+C and SIGTERM wired to cancellation.</summary>
    public int Run(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                Error.WriteLine("Cancelling: stopping running stages (press Ctrl+C again to abort at once)...");
                cancel.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cancel.Cancel();
        });
        try
        {
            return RunAsync(args, cancel.Token).GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the command line.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCoreAsync(args, cancellationToken);
        }
        catch (UsageException e)
        {
            Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (DefinitionException e)
        {
            Error.WriteLine("error: " + string.Join(System.Environment.NewLine + "  ", e.Problems));
            return 2;
        }
        catch (LockTimeoutException e)
        {
            Error.WriteLine($"error: {e.Message}");
            return 3;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Error.WriteLine("Cancelled.");
            return 130;
        }
    }

    private async Task<int> RunCoreAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var line = CommandLine.Parse(args);
        var root = RootFinder.Find(line.Get("root"), Environment);
        // The replayed command line may carry a secret typed now; it is printed once the secrets are known.
        var continuing = new StringWriter();
        if (line.Has("continue"))
        {
            line = ContinueRun.Merge(root, line, continuing);
        }

        var sources = new ParameterSources(root, line.Parameters, Environment, ParameterSources.LoadFiles(root, line.Get("profile")));
        var models = PipelineLoader.LoadAll(_pipelines, sources);
        var masker = SecretsOf(models);
        WarnAboutUnmaskedSecrets(models);

        Output.Write(masker.Mask(continuing.ToString()));
        CheckReservedNames(models);
        CheckUnknownParameters(line, models);
        CheckUnknownFileKeys(sources.Files, models);
        var graph = StageGraph.Build(models);
        SchemaWriter.WriteIfChanged(root, models);

        if (line.Has("help"))
        {
            Output.Write(HelpPrinter.Render(graph, _commands));
            return 0;
        }

        var command = line.Targets.Count > 0 ? _commands.FirstOrDefault(c => c.Name.Equals(line.Targets[0], StringComparison.OrdinalIgnoreCase)) : null;
        if (command is not null)
        {
            return await command.RunAsync(new CliContext(root, line, models, Output, Error, Environment), cancellationToken);
        }

        var targets = ResolveTargets(line, models);
        if (targets.Count == 0)
        {
            Output.Write(HelpPrinter.Render(graph, _commands));
            return 0;
        }

        var skip = !line.Skip ? SkipSelection.None
            : line.SkipStages.Count == 0 ? SkipSelection.AllExceptTargets
            : SkipSelection.Of(line.SkipStages.Select(s => TargetResolver.Resolve(s, models)));
        var plan = PlanBuilder.Build(graph, targets, skip);
        var options = Options(root, line, models, Environment, Output);
        var environment = new RunEnvironment(options);

        if (line.Has("plan"))
        {
            Output.Write(PlanTextRenderer.Render(plan));
            var mermaid = options.State.PlanDiagram;
            AtomicFile.WriteAllText(mermaid, MermaidRenderer.Render(plan));
            Output.WriteLine();
            Output.WriteLine($"Mermaid diagram written to {Path.GetRelativePath(root, mermaid)}");
            return 0;
        }

        if (line.Has("dry-run"))
        {
            var decisions = DryRun.Decide(plan, environment);
            var width = decisions.Max(d => d.StageId.Length);
            Output.WriteLine($"Dry run of {string.Join(", ", targets.Select(t => t.Id))}: nothing is executed.");
            foreach (var decision in decisions)
            {
                Output.WriteLine($"  {decision.StageId.PadRight(width)}  {decision.Action,-6}  {decision.Reason}");
            }

            return 0;
        }

        var observers = _observers.Select(f => f(environment, models)).OfType<IRunObserver>().ToList();
        // Progress goes where Output goes, so a host that redirects Output (tests, embedding tools) gets all of it.
        var reporter = ReferenceEquals(Output, Console.Out) ? ConsoleReporter.Default() : new ConsoleReporter(Output, color: false);
        var executor = new LocalExecutor(environment, reporter, masker, observers);
        var record = await executor.RunAsync(plan, cancellationToken);
        RunSummary.Print(Output, record, root, environment.Runs.RunDirectory(record.RunId));
        return record.Status switch
        {
            RunStatus.Succeeded => 0,
            RunStatus.Interrupted => 130,
            _ => 1,
        };
    }

    private static SecretMasker SecretsOf(IReadOnlyList<PipelineModel> models)
    {
        var masker = new SecretMasker();
        foreach (var parameter in models.SelectMany(m => m.Parameters).Where(p => p.IsSecret))
        {
            masker.Add(ParameterValues.Format(parameter.Value));
        }

        return masker;
    }

    // A secret too short to mask in free text would show in logs; whoever set it is told (a default is not set).
    private void WarnAboutUnmaskedSecrets(IReadOnlyList<PipelineModel> models)
    {
        foreach (var parameter in models.SelectMany(m => m.Parameters).Where(p => p.IsSecret && p.HasValue && !Equals(p.Value, p.DefaultValue)))
        {
            if (ParameterValues.Format(parameter.Value).Length < SecretMasker.MinimumLength)
            {
                Error.WriteLine($"warning: --{parameter.Name} is shorter than {SecretMasker.MinimumLength} characters, too short to be masked in logs; use a longer secret.");
            }
        }
    }

    private static List<Planning.StageModel> ResolveTargets(CommandLine line, IReadOnlyList<PipelineModel> models)
    {
        if (line.Targets.Count > 0)
        {
            return line.Targets.Select(t => TargetResolver.Resolve(t, models)).Distinct().ToList();
        }

        var defaults = models.Select(m => m.Instance.Default is { } d ? m.Find(d) : null).OfType<Planning.StageModel>().ToList();
        return defaults.Count == 1 ? defaults : [];
    }

    private static ExecutionOptions Options(string root, CommandLine line, IReadOnlyList<PipelineModel> models, Func<string, string?> environment, TextWriter output)
    {
        var secrets = models.SelectMany(m => m.Parameters).Where(p => p.IsSecret).Select(p => ParameterNames.Normalize(p.Name)).ToHashSet();
        return new ExecutionOptions
        {
            RootDirectory = root,
            Parallelism = line.Get("parallel") is { } p ? int.TryParse(p, out var n) && n > 0 ? n : throw new UsageException($"--parallel: '{p}' is not a positive integer") : System.Environment.ProcessorCount,
            NoCache = line.Has("no-cache"),
            ExportDirectory = line.Get("export") is { } e ? Path.GetFullPath(e, root) : null,
            LockWait = line.Get("lock-wait") is { } w ? double.TryParse(w, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 7 * 24 * 3600 ? TimeSpan.FromSeconds(s) : throw new UsageException($"--lock-wait: '{w}' is not a number of seconds (0 to 604800, a week)") : TimeSpan.FromMinutes(10),
            Arguments = ContinueRun.WithoutSecrets(line.Raw, secrets),
            Summaries = environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary ? new GitHubStepSummary(summary)
                : environment("TF_BUILD") is not null ? new AzureSummaryUpload(output)
                : null,
        };
    }

    // The command line hands built-in options to the CLI, so a parameter with such a name could be set from the
    // environment or a file but never from the command line; that silent gap is reported as a definition mistake.
    private static void CheckReservedNames(IReadOnlyList<PipelineModel> models)
    {
        var reserved = CommandLine.KnownOptions.Select(ParameterNames.Normalize).ToHashSet();
        var problems = models
            .SelectMany(m => m.Parameters.Where(p => reserved.Contains(ParameterNames.Normalize(p.Name))).Select(p =>
                $"{m.Type.Name}.{p.MemberName}: the parameter name '--{p.Name}' is a built-in option, so the command line cannot set it; rename the member or set [Parameter(Name = \"...\")]"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }
    }

    // A misspelt key in a parameters file would otherwise be ignored without a word and the default used instead.
    // Target and Skip are keys the schema offers for NUKE compatibility, so they are not parameters but not typos either.
    private static void CheckUnknownFileKeys(IReadOnlyList<ParameterFile> files, IReadOnlyList<PipelineModel> models)
    {
        var known = models.SelectMany(m => m.Parameters).ToList();
        var names = known.Select(p => ParameterNames.Normalize(p.Name)).Concat(known.Select(p => ParameterNames.Normalize(p.MemberName))).ToHashSet();
        var problems = new List<string>();
        foreach (var file in files)
        {
            foreach (var (key, entry) in file.Entries.OrderBy(e => e.Value.Line))
            {
                if (!names.Contains(key) && key is not ("target" or "skip"))
                {
                    var closest = Suggestions.Closest(entry.Key, known.Select(p => p.MemberName).Distinct());
                    problems.Add($"{file.DisplayPath}:{entry.Line}: unknown parameter '{entry.Key}'." + (closest is null ? " Run ./build.sh --help to list parameters." : $" Did you mean '{closest}'?"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }
    }

    private static void CheckUnknownParameters(CommandLine line, IReadOnlyList<PipelineModel> models)
    {
        var known = models.SelectMany(m => m.Parameters).Select(p => p.Name).Distinct().ToList();
        var problems = new List<string>();
        foreach (var name in line.Parameters.Keys)
        {
            if (!known.Any(k => ParameterNames.Normalize(k) == ParameterNames.Normalize(name)))
            {
                var closest = Suggestions.Closest(name, known.Concat(CommandLine.KnownOptions));
                problems.Add($"Unknown parameter '--{name}'." + (closest is null ? " Run ./build.sh --help to list parameters." : $" Did you mean '--{closest}'?"));
            }
        }

        if (problems.Count > 0)
        {
            throw new UsageException(string.Join(System.Environment.NewLine + "  ", problems));
        }
    }
}
