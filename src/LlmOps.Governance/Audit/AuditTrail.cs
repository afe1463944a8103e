using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Governance.Audit;

/// <summary>
/// The append-only, hash-chained log of decisions (<c>.llmops/audit/audit.jsonl</c>): gates, overrides, threshold
/// changes, policy results, approvals, deployments and rollbacks. Any library records a decision with
/// <c>AuditTrail.Open(root).Append(new AuditDecision(...))</c>. An append holds an exclusive lock on
/// <c>audit.jsonl.lock</c> (other processes and threads wait for it), writes the line in one write and flushes it
/// to disk, so concurrent writers never interleave and a crash leaves at most a torn last line, which the next append
/// moves to <c>audit.jsonl.torn</c> and records as a <see cref="AuditKinds.Repair"/> entry, and which
/// <see cref="Verify"/> reports until then.
/// </summary>
public sealed partial class AuditTrail
{
    /// <summary>The trail's file name.</summary>
    public const string FileName = "audit.jsonl";

    /// <summary>
    /// The tag a governance stage sets on the registered model version it governed, when tracking is on:
    /// <c>&lt;seq&gt;:&lt;hash&gt;</c> of the trail's last entry, which an auditor checks a kept copy of the trail against.
    /// </summary>
    public const string RegistryTag = "llmops.audit.head";

    /// <summary>
    /// How CI carries the trail from job to job and run to run: the artifact <c>llmops-audit</c>, append-only. Every
    /// stage kind that appends to the trail contributes it to its job (docs/governance.md).
    /// </summary>
    public static LlmOps.Dsl.CiCarriedFile CiArtifact { get; } = new("llmops-audit", StateLayout.Relative.Part("audit", FileName), AppendOnly: true);

    private AuditTrail(string file, string repositoryRoot, Func<string, string?> environment) =>
        (FilePath, _root, _environment) = (file, repositoryRoot, environment);

    private readonly string _root;
    private readonly Func<string, string?> _environment;

    /// <summary>The trail's file.</summary>
    public string FilePath { get; }

    /// <summary>How long an append waits for another writer's lock before failing (30 s).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where a repair of a torn last line is reported (the stage log); nothing by default.</summary>
    public Action<string> Report { get; set; } = _ => { };

    /// <summary>The repository's trail, <c>.llmops/audit/audit.jsonl</c> under <paramref name="repositoryRoot"/>.</summary>
    /// <param name="repositoryRoot">The repository root.</param>
    /// <param name="environment">Reads environment variables (the CI actor, run and commit); the process's by default.</param>
    public static AuditTrail Open(string repositoryRoot, Func<string, string?>? environment = null) =>
        OpenFile(StateLayout.Of(repositoryRoot).Part("audit", FileName), repositoryRoot, environment);

    /// <summary>A trail in <paramref name="file"/> (one per pipeline, or one a CI job downloaded).</summary>
    /// <param name="file">The JSON-lines file; created on the first append.</param>
    /// <param name="repositoryRoot">Where the commit is read from when a decision does not name it.</param>
    /// <param name="environment">Reads environment variables; the process's by default.</param>
    public static AuditTrail OpenFile(string file, string repositoryRoot, Func<string, string?>? environment = null) =>
        new(Path.GetFullPath(file), Path.GetFullPath(repositoryRoot), environment ?? Environment.GetEnvironmentVariable);

    /// <summary>Appends <paramref name="decision"/> after the last entry and returns the entry written.</summary>
    /// <exception cref="AuditTrailException">The last entry is damaged, or another writer held the lock past <see cref="LockTimeout"/>.</exception>
    public AuditEntry Append(AuditDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!KindPattern().IsMatch(decision.Kind))
        {
            throw new ArgumentException($"audit kind '{decision.Kind}' must be lower-case letters, digits and '-'", nameof(decision));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        using var held = TakeLock();
        using var file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var (last, torn) = AuditTail.Read(file);
        var previous = last is null ? null : AuditJson.TryParse(last.Text, out var problem) ?? throw new AuditTrailException(
            $"{FilePath} line {(last.Number > 0 ? last.Number : AuditTail.CountNewlines(file))} is not an audit entry ({problem}); nothing was appended. Run ./build.sh Audit --verify to see what was changed.");
        if (torn is not null)
        {
            previous = MoveAside(file, torn, previous);
        }

        return Write(file, previous, decision);
    }

    /// <summary>Every entry, in file order; a line that is not an entry is an error naming it.</summary>
    /// <exception cref="AuditTrailException">A line is not an audit entry.</exception>
    public IReadOnlyList<AuditEntry> Read()
    {
        var verification = AuditVerifier.Verify(FilePath);
        if (verification.Unreadable.FirstOrDefault() is { } problem)
        {
            throw new AuditTrailException($"{FilePath}: {problem}");
        }

        return verification.Entries;
    }

    /// <summary>Checks the chain: every entry unchanged, none removed, reordered or inserted, no torn last line.</summary>
    public AuditVerification Verify() => AuditVerifier.Verify(FilePath);

    // A writer that died mid-append left bytes without a newline: they are no entry (the writer was never told its
    // decision was recorded), so they are kept beside the trail and the chain records that they were moved.
    private AuditEntry? MoveAside(FileStream file, AuditTail.TornLine torn, AuditEntry? previous)
    {
        var aside = FilePath + ".torn";
        using (var keep = new FileStream(aside, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            keep.Write(torn.Bytes);
            keep.Write("\n"u8);
            keep.Flush(flushToDisk: true);
        }

        file.SetLength(torn.Offset);
        file.Flush(flushToDisk: true);
        var details = new Dictionary<string, string>
        {
            ["line"] = torn.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["bytes"] = torn.Bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(torn.Bytes)),
            ["keptIn"] = Path.GetFileName(aside),
        };
        Report($"audit trail: line {torn.Number} of {FilePath} was torn (a writer stopped mid-append); its {torn.Bytes.Length} bytes were moved to {aside} and the repair recorded");
        return Write(file, previous, new AuditDecision(AuditKinds.Repair, $"torn line {torn.Number}", details));
    }

    private AuditEntry Write(FileStream file, AuditEntry? previous, AuditDecision decision)
    {
        var unhashed = new AuditEntry(
            (previous?.Seq ?? 0) + 1,
            AuditJson.Truncate(decision.Time ?? DateTimeOffset.UtcNow),
            decision.Actor ?? AuditOrigin.Actor(_environment),
            decision.RunId ?? AuditOrigin.CiRun(_environment),
            decision.Commit ?? AuditOrigin.Commit(_root, _environment),
            decision.Kind,
            decision.Subject,
            new SortedDictionary<string, string>(decision.Details.ToDictionary(), StringComparer.Ordinal),
            previous?.Hash ?? AuditEntry.Genesis,
            "");
        var entry = unhashed with { Hash = AuditJson.HashOf(unhashed) };
        file.Seek(0, SeekOrigin.End);
        file.Write(Encoding.UTF8.GetBytes(AuditJson.Line(entry) + "\n"));
        file.Flush(flushToDisk: true);
        return entry;
    }

    // FileShare.None is an exclusive advisory lock between processes (flock on Unix) and between threads.
    private FileStream TakeLock()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < LockTimeout)
            {
                Thread.Sleep(Random.Shared.Next(5, 25));
            }
            catch (IOException)
            {
                throw new AuditTrailException($"another writer held the lock on {FilePath} for {LockTimeout.TotalSeconds:0} s; nothing was appended");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex KindPattern();
}
