using LlmOps.Runtime;
namespace LlmOps.Execution;

/// <summary>How a run is carried out.</summary>
public sealed class ExecutionOptions
{
    /// <summary>The repository root.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>The parts of the state folder, <c>&lt;root&gt;/.llmops</c>.</summary>
    public StateLayout State => StateLayout.Of(RootDirectory);

    /// <summary>The state folder, <c>&lt;root&gt;/.llmops</c>.</summary>
    public string StateDirectory => State.Root;

    /// <summary>How many independent stages may run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Ignore cache hits (results are still stored).</summary>
    public bool NoCache { get; init; }

    /// <summary>
    /// Re-hash every stored file a check touches (cached outputs, inputs and their trees) instead of trusting the
    /// size, mtime and inode fast path: catches bit rot at the cost of reading every byte (<c>--verify</c>).
    /// </summary>
    public bool Verify { get; init; }

    /// <summary>The command line, secrets masked, kept in the run record for <c>--continue</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>How long to wait for another run's lock.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a stopped stage (Ctrl+C or its timeout) whose body does not return gets before it is abandoned.</summary>
    public TimeSpan CancelGrace { get; init; } = DefaultCancelGrace;

    /// <summary>The default <see cref="CancelGrace"/>: enough for a container stage to stop and remove its container.</summary>
    public static readonly TimeSpan DefaultCancelGrace = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Called with a stage's id right after the stage frees its <see cref="Parallelism"/> slot. Tests pause here to
    /// hold open the moment between a slot coming free and the next stage taking it, where a failure not yet recorded
    /// would let that stage start; nothing else needs it.
    /// </summary>
    public Action<string>? SlotFreed { get; init; }

    /// <summary>The run <c>--continue</c> resumes, or null: a stage that failed there says so when it runs again.</summary>
    public RunRecord? Continues { get; init; }

    /// <summary>
    /// Reuse cached results and run nothing (<c>--cached-only</c>): a stage that would run ends not-run, saying why it
    /// is not cached. A scheduler that starts a stage's body elsewhere (an Argo pod) asks this first, so a result
    /// already in a shared store is not computed again.
    /// </summary>
    public bool CachedOnly { get; init; }

    /// <summary>
    /// The stages' bodies ran elsewhere and left their outputs here, one folder per artifact (<c>--outputs-from</c>):
    /// a stage that would run takes its outputs from <c>&lt;folder&gt;/&lt;artifact&gt;</c> instead of running its body,
    /// and is committed and cached exactly as a run, so the next run (or another pod sharing the store) reuses it.
    /// </summary>
    public string? OutputsFrom { get; init; }

    /// <summary>
    /// The store and cache are shared with runs on other machines (<c>--shared-store</c>; pods that mount one claim):
    /// their temporary files may belong to writers this machine cannot see, so they are swept only when a day old.
    /// </summary>
    public bool SharedStore { get; init; }

    /// <summary>
    /// The salt of secret values in cache keys (<c>LLMOPS_SECRET_SALT</c>), or null for the clone's own. Runs that share
    /// a store (pods on one claim, CI runners restoring one cache) need one salt to compute the same keys for stages
    /// that read secrets; it is a secret itself, since with it the hashes in cache entries could be guessed at.
    /// </summary>
    public string? SecretSalt { get; init; }

    /// <summary>When set, every artifact a stage produces is also exported here (for CI upload).</summary>
    public string? ExportDirectory { get; init; }

    /// <summary>Where stage summaries go beyond the run folder (a CI job summary), or null.</summary>
    public ISummarySink? Summaries { get; init; }

    /// <summary>The environment variables stages see through their context (<see cref="RunVariables.Of"/>).</summary>
    public RunVariables Variables { get; init; } = RunVariables.Process;

    /// <summary>The CI host whose syntax stage annotations are printed in (<see cref="CiEnvironment.Host"/>).</summary>
    public CiHost CiHost { get; init; }

    /// <summary>Where downloaded artifacts of skipped upstream stages are looked for, by artifact name.</summary>
    public string ImportDirectory => State.Import;

    /// <summary>The run id to use (tests pin it); a new one by default.</summary>
    public string RunId { get; init; } = RunStore.NewRunId();
}
