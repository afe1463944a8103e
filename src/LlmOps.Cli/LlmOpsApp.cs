using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// The program behind <c>./build.sh</c>: parses the command line, loads and plans the pipelines, then shows help,
/// the plan or a dry run, runs a built-in command, or executes the plan. User mistakes exit with code 2 and a
/// message, never a stack trace; a failed run exits with 1; an interrupted one with 130. A pipeline that fails to
/// define is left out with a warning naming it and its problems: only its own targets fail.
/// </summary>
public sealed class LlmOpsApp
{
    // SQLite result codes for a database the file system will not let it write.
    private const int SqliteReadOnly = 8;
    private const int SqliteCannotOpen = 14;

    /// <summary>The exit code of a <c>--cached-only</c> run in which some stage is not cached (and so did not run).</summary>
    public const int CachedOnlyMissExitCode = 4;

    private readonly IReadOnlyList<Type> _pipelines;
    private readonly SecretArguments _secrets;
    private readonly List<ICliCommand> _commands = [];
    private readonly List<Func<RunEnvironment, IReadOnlyList<PipelineModel>, IRunObserver?>> _observers = [];

    /// <summary>
    /// Creates the app for the given pipeline classes (<see cref="PipelineDiscovery.Find"/> finds them in assemblies), with the built-in commands (<c>GenerateWorkflows</c>,
    /// <c>Runs</c>, <c>PushRuns</c>, the store's), the commands of the libraries the pipelines use
    /// (<see cref="CommandDiscovery"/>) and experiment tracking (MLflow or the local tracker).
    /// </summary>
    public LlmOpsApp(params Type[] pipelines)
    {
        _pipelines = pipelines;
        _secrets = new SecretArguments(pipelines);
        _commands.Add(new GenerateWorkflowsCommand());
        _commands.Add(new Plans.PlanDiffCommand());
        _commands.Add(new Tracking.RunsCommand());
        _commands.Add(new Tracking.PushRunsCommand());
        _commands.Add(new Store.VerifyCommand(CommandDiscovery.Contributions<IVerifyTarget>(pipelines)));
        _commands.Add(new Store.PruneCommand());
        _commands.Add(new Store.PinCommand(pin: true));
        _commands.Add(new Store.PinCommand(pin: false));
        _commands.AddRange(CommandDiscovery.Find(pipelines).Where(c => !_commands.Any(b => b.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase))));
        _observers.Add((run, _) => new RunReportObserver(run.Runs));
        _observers.Add((_, _) => Telemetry.TraceObserver.ForEnvironment(Environment));
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
        // Usage errors can quote what was typed, a secret included (a token given to the wrong option, or one that
        // does not convert), before the pipelines that would name it as secret are loaded.
        var masker = _secrets.MaskerFor(args, Environment);
        try
        {
            return await RunCoreAsync(args, cancellationToken);
        }
        catch (UsageException e)
        {
            Error.WriteLine(masker.Mask($"error: {e.Message}"));
            return 2;
        }
        catch (DefinitionException e)
        {
            Error.WriteLine(masker.Mask("error: " + string.Join(System.Environment.NewLine + "  ", e.Problems)));
            return 2;
        }
        catch (StateNotWritableException e)
        {
            Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && FileErrors.NotWritableReason(e) is { } reason)
        {
            // Outside a run (the plan's diagram, the schema, the state folder's first files): nothing ran, so it is
            // the repository that is unusable, and no stack trace helps.
            Error.WriteLine(masker.Mask($"error: a file LlmOps must write cannot be written ({reason}): {e.Message}"));
            return 2;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is SqliteReadOnly or SqliteCannotOpen)
        {
            Error.WriteLine($"error: the local tracker's database under {StateLayout.Relative.Root} cannot be written ({e.Message}); make the folder writable or use another checkout.");
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
        var line = CommandLine.Parse(args, _secrets);
        var root = RootFinder.Find(line.Get("root"), Environment);
        // The replayed command line may carry a secret typed now; it is printed once the secrets are known.
        var continuing = new StringWriter();
        RunRecord? continued = null;
        if (line.Has("continue"))
        {
            (line, continued) = ContinueRun.Merge(root, line, _secrets, continuing);
        }

        var sources = new ParameterSources(root, line.Parameters, Environment, ParameterSources.LoadFiles(root, line.Get("profile")));
        var (set, command, targets) = Select(line, sources);
        var models = set.Pipelines;
        var masker = SecretsOf(models);
        WarnAboutUnmaskedSecrets(models);

        Output.Write(masker.Mask(continuing.ToString()));
        if (line.Get("plan-json") is { } planJson)
        {
            // Hidden: what PlanDiff asks a base commit's build for; the base may be older or newer than this code.
            return await Plans.PlanExport.WriteAsync(root, models, set.Failures.Select(f => f.Describe()).ToList(), planJson, Output);
        }

        if (line.Has("help") || (command is null && targets.Count == 0))
        {
            Output.Write(HelpPrinter.Render(set.Graph, _commands, set.Failures));
            return 0;
        }

        foreach (var failure in set.Failures)
        {
            Error.WriteLine($"warning: {failure.Describe()}{System.Environment.NewLine}  (left out; the other pipelines run)");
        }

        if (command is not null)
        {
            return await command.RunAsync(new CliContext(root, line, models, Output, Error, Environment) { FailedPipelines = set.Failures }, cancellationToken);
        }

        var skip = !line.Skip ? SkipSelection.None
            : line.SkipStages.Count == 0 ? SkipSelection.AllExceptTargets
            : SkipSelection.Of(line.SkipStages.Select(s => TargetResolver.Resolve(s, models, set.Failures)));
        if (continued is not null)
        {
            ContinueRun.CheckSecrets(continued, models);
        }

        var plan = PlanBuilder.Build(set.Graph, targets, skip);
        var options = Options(root, line, models, Environment, Output, continued);
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
            var decisions = await DryRun.DecideAsync(plan, environment, cancellationToken);
            var width = decisions.Max(d => d.StageId.Length);
            Output.WriteLine($"Dry run of {string.Join(", ", targets.Select(t => t.Id))}: nothing is executed.");
            foreach (var decision in decisions)
            {
                Output.WriteLine($"  {decision.StageId.PadRight(width)}  {decision.Action,-6}  {decision.Reason}");
            }

            foreach (var decision in decisions.Where(d => d.Note is not null))
            {
                Output.WriteLine($"  {decision.StageId}: {decision.Note}");
            }

            return 0;
        }

        var observers = _observers.Select(f => f(environment, models)).OfType<IRunObserver>().ToList();
        // Progress goes where Output goes, so a host that redirects Output (tests, embedding tools) gets all of it.
        RunRecord record;
        await using (var progress = await Progress.RunProgress.StartAsync(Output, Environment, plan.Stages.Count))
        {
            var executor = new LocalExecutor(environment, progress.Reporter, masker, progress.Observer is { } live ? [.. observers, live] : observers);
            record = await executor.RunAsync(plan, cancellationToken);
        }

        RunSummary.Print(Output, record, root, environment.Runs.RunDirectory(record.RunId));
        if (options.CachedOnly && record.Status != RunStatus.Interrupted && record.Stages.All(s => s.Status is not (StageStatus.Failed or StageStatus.Cancelled)))
        {
            // As make --question: a distinct code says "not everything is cached" without calling it a failure.
            return record.Stages.Any(s => s.Status == StageStatus.NotRun) ? CachedOnlyMissExitCode : 0;
        }

        return record.Status switch
        {
            RunStatus.Succeeded => 0,
            RunStatus.Interrupted => 130,
            _ => 1,
        };
    }

    // Loads the pipelines (a broken one is set aside), checks the names typed, and finds what to run: a command, the
    // targets (with plain parameter names narrowed to their pipelines), or nothing, for help.
    private (PipelineSet Set, ICliCommand? Command, List<Planning.StageModel> Targets) Select(CommandLine line, ParameterSources sources)
    {
        PipelineSet Load(ParameterSources from) => PipelineSet.Load(_pipelines, from, DefinitionChecks.ReservedNames);
        var set = Load(sources);
        DefinitionChecks.UnknownParameters(line, set);
        DefinitionChecks.UnknownFileKeys(sources.Files, set);
        // Written without a broken pipeline, the schema would lose its parameters and flag them in parameters.json.
        if (set.Failures.Count == 0)
        {
            SchemaWriter.WriteIfChanged(sources.RootDirectory, set.Pipelines);
        }

        var command = line.Targets.Count > 0 ? _commands.FirstOrDefault(c => c.Name.Equals(line.Targets[0], StringComparison.OrdinalIgnoreCase)) : null;
        var targets = line.Has("help") || command is not null ? [] : ResolveTargets(line, set);
        if (targets.Count > 0)
        {
            (set, targets) = TargetScope.Narrow(set, targets, Load, sources);
        }
        else if (set.ValueProblems.Count > 0)
        {
            throw new DefinitionException(set.ValueProblems);
        }

        return (set, command, targets);
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

    private static List<Planning.StageModel> ResolveTargets(CommandLine line, PipelineSet set)
    {
        if (line.Targets.Count > 0)
        {
            return line.Targets.Select(t => TargetResolver.Resolve(t, set.Pipelines, set.Failures)).Distinct().ToList();
        }

        var defaults = set.Pipelines.Select(m => m.Instance.Default is { } d ? m.Find(d) : null).OfType<Planning.StageModel>().ToList();
        return defaults.Count == 1 ? defaults : [];
    }

    private static ExecutionOptions Options(string root, CommandLine line, IReadOnlyList<PipelineModel> models, Func<string, string?> environment, TextWriter output, RunRecord? continued)
    {
        CheckElsewhereOptions(line);

        // A secret given by its qualified name (--support.signing-key) is kept out of the record too.
        var secrets = models.SelectMany(m => m.Parameters.Where(p => p.IsSecret).SelectMany(p => new[] { ParameterNames.Normalize(p.Name), ParameterNames.NormalizeQualified(m.Name, p.Name) })).ToHashSet();
        return new ExecutionOptions
        {
            RootDirectory = root,
            Parallelism = line.Get("parallel") is { } p ? int.TryParse(p, out var n) && n > 0 ? n : throw new UsageException($"--parallel: '{p}' is not a positive integer") : System.Environment.ProcessorCount,
            NoCache = line.Has("no-cache"),
            CachedOnly = line.Has("cached-only"),
            SharedStore = line.Has("shared-store"),
            SecretSalt = SecretSalt(environment),
            OutputsFrom = line.Get("outputs-from") is { } from ? Path.GetFullPath(from, root) : null,
            Verify = line.Has("verify"),
            ExportDirectory = line.Get("export") is { } e ? Path.GetFullPath(e, root) : null,
            LockWait = line.Get("lock-wait") is { } w ? double.TryParse(w, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0 && s <= 7 * 24 * 3600 ? TimeSpan.FromSeconds(s) : throw new UsageException($"--lock-wait: '{w}' is not a number of seconds (0 to 604800, a week)") : TimeSpan.FromMinutes(10),
            CancelGrace = line.Get("cancel-grace") is { } g ? double.TryParse(g, System.Globalization.CultureInfo.InvariantCulture, out var grace) && grace >= 0 && grace <= 3600 ? TimeSpan.FromSeconds(grace) : throw new UsageException($"--cancel-grace: '{g}' is not a number of seconds (0 to 3600)") : ExecutionOptions.DefaultCancelGrace,
            Arguments = ContinueRun.WithoutSecrets(line.Raw, secrets),
            Continues = continued,
            CiHost = Runtime.CiEnvironment.Host(environment),
            Variables = new Runtime.RunVariables(environment),
            Summaries = environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary ? new GitHubStepSummary(summary)
                : environment("TF_BUILD") is not null ? new AzureSummaryUpload(output)
                : null,
        };
    }

    // --outputs-from stands in for one stage's body, so it names that stage alone (--skip the rest); --cached-only
    // runs nothing, which neither --no-cache nor outputs to commit can go with.
    private static void CheckElsewhereOptions(CommandLine line)
    {
        if (line.Has("outputs-from") && (line.Targets.Count != 1 || !line.Skip || line.SkipStages.Count > 0))
        {
            throw new UsageException("--outputs-from takes the outputs of one stage's body that ran elsewhere: give that stage alone as the target, with a bare --skip (./build.sh <Pipeline>.<Stage> --skip --outputs-from <dir>)");
        }

        if (line.Has("cached-only") && (line.Has("no-cache") || line.Has("outputs-from")))
        {
            throw new UsageException($"--cached-only runs nothing, so it cannot go with --{(line.Has("no-cache") ? "no-cache" : "outputs-from")}");
        }
    }

    // Short salts would make the hashes in cache entries as guessable as the secrets they hide.
    private static string? SecretSalt(Func<string, string?> environment) =>
        environment(SecretSaltVariable) is not { Length: > 0 } salt ? null
            : salt.Length >= 32 ? salt
            : throw new UsageException($"{SecretSaltVariable} is shorter than 32 characters; give a long random value (openssl rand -hex 32), kept as a secret.");

    /// <summary>The variable that gives runs sharing a store one salt for secret values in cache keys.</summary>
    public const string SecretSaltVariable = "LLMOPS_SECRET_SALT";
}
