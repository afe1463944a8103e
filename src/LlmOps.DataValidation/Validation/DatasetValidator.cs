using System.Collections.Concurrent;
using System.Diagnostics;
using LlmOps.DataValidation.Validation;

namespace LlmOps.DataValidation;

/// <summary>
/// Validates JSONL splits against a format and rules, streaming: one reader splits lines, workers check batches in
/// parallel, and an in-order merge keeps the duplicate index and statistics. Problems in the data are findings in
/// the report; only mistakes in the configuration throw (<see cref="DataValidationException"/>).
/// </summary>
public sealed class DatasetValidator
{
    private readonly DatasetFormat _format;
    private readonly ValidationRules _rules;

    /// <summary>Creates a validator; <paramref name="rules"/> defaults to structure checks only.</summary>
    public DatasetValidator(DatasetFormat format, ValidationRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        _format = format;
        _rules = rules ?? new ValidationRules();
    }

    /// <summary>Worker threads (default: all cores).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>When set, a PII-redacted copy of each split is written here under the split's file name.</summary>
    public string? RedactedCopyDirectory { get; init; }

    /// <summary>Validates one file as the split <c>data</c>.</summary>
    public ValidationReport Validate(string path) => Validate([new DatasetSplit("data", path)]);

    /// <summary>Validates the splits in order (splits named as leakage sources are scanned first).</summary>
    public ValidationReport Validate(IReadOnlyList<DatasetSplit> splits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var order = Order(splits);
        var scans = new Dictionary<string, SplitScan>(StringComparer.Ordinal);
        var reports = new Dictionary<string, SplitReport>(StringComparer.Ordinal);
        foreach (var split in order)
        {
            var watch = Stopwatch.StartNew();
            var plan = PlanFor(split.Name);
            var leakage = _rules.Leakage.Where(l => l.And == split.Name).Select(l => (l, scans[l.Between])).ToList();
            var scan = new SplitScan(split.Name, split.Shown, plan, NearThreshold(split.Name), leakage);
            var redacted = Scan(split, plan, scan, cancellationToken);
            scan.Finish(Parallelism);
            scans[split.Name] = scan;
            reports[split.Name] = new SplitReport(split.Name, split.Shown, scan.Statistics(watch.Elapsed.TotalSeconds), redacted);
        }

        return ReportBuilder.Build(_format, _rules, splits.Select(s => reports[s.Name]).ToList(), splits.Select(s => scans[s.Name]).ToList());
    }

    private string? Scan(DatasetSplit split, ValidationPlan plan, SplitScan scan, CancellationToken ct)
    {
        if (Directory.Exists(split.Path))
        {
            scan.FileProblem(RuleIds.FileIsDirectory, $"{split.Shown} is a directory; expected a JSONL file");
            return null;
        }

        if (!File.Exists(split.Path))
        {
            scan.FileProblem(RuleIds.FileNotFound, $"{split.Shown} does not exist");
            return null;
        }

        RedactedCopyWriter? copy = null;
        try
        {
            using var stream = new FileStream(split.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (RedactedCopyDirectory is not null && plan.ScanPii)
            {
                copy = new RedactedCopyWriter(RedactedCopyDirectory, Path.GetFileName(split.Path), _rules.Pii!.Kinds, _rules.Pii.Options);
            }

            Run(new LineReader(stream, _rules.LineLimit), plan, scan, split, copy, ct);
            if (scan.Examples == 0 && !scan.Tallies.ContainsKey(RuleIds.Internal))
            {
                scan.FileProblem(RuleIds.FileEmpty, scan.Lines == 0 ? $"{split.Shown} is empty" : $"{split.Shown} has {scan.Lines:N0} lines but no example that parsed");
            }

            copy?.Complete();
            return copy?.Path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            scan.FileProblem(RuleIds.FileUnreadable, $"{split.Shown} could not be read: {ex.Message}");
            return null;
        }
        finally
        {
            copy?.Dispose();
        }
    }

    private void Run(LineReader reader, ValidationPlan plan, SplitScan scan, DatasetSplit split, RedactedCopyWriter? copy, CancellationToken ct)
    {
        var workers = new ConcurrentBag<LineProcessor>();
        var inFlight = new Queue<Task<BatchResult>>();
        var width = Math.Max(1, Parallelism);

        // The merge is in file order, so one late batch (its worker descheduled on a busy machine) stalls reading
        // unless later batches can queue behind it; a fixed slack of batches absorbs that without scaling with cores.
        var window = width * 2 + 12;
        Action<LineBatch, int, LineOutcome>? perLine = copy is null ? null : copy.Write;

        void MergeOldest()
        {
            var task = inFlight.Dequeue();
            if (!task.IsCompleted)
            {
                // Block in the kernel: Task.Wait spins first, and on a machine whose cores all run workers that spinning
                // took a sixth of the CPU the workers needed.
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            }

            var result = task.GetAwaiter().GetResult();
            scan.Merge(result, perLine);
            result.Return();
        }

        try
        {
            foreach (var batch in reader.Batches())
            {
                ct.ThrowIfCancellationRequested();
                inFlight.Enqueue(Task.Run(() =>
                {
                    var worker = workers.TryTake(out var w) ? w : new LineProcessor(plan, split.Name, split.Shown);
                    try
                    {
                        return worker.Process(batch);
                    }
                    finally
                    {
                        workers.Add(worker);
                    }
                }, ct));
                if (inFlight.Count >= window)
                {
                    MergeOldest();
                }
            }

            while (inFlight.Count > 0)
            {
                MergeOldest();
            }
        }
        finally
        {
            // On an I/O error or cancellation, let running workers finish so no buffer is returned to the pool twice.
            foreach (var t in inFlight)
            {
                try
                {
                    t.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }
        }
    }

    private ValidationPlan PlanFor(string split)
    {
        var leakageNear = _rules.Leakage.Any(l => l.NearJaccard is not null && (l.And == split || l.Between == split));
        var exact = _rules.ExactDuplicates is not null || _rules.NearDuplicates is not null || _rules.Leakage.Any(l => l.And == split || l.Between == split);
        return new ValidationPlan(_rules, _format, _rules.Tokens is not null, _rules.Pii is { Kinds: not PiiKind.None }, exact, _rules.NearDuplicates is not null || leakageNear);
    }

    private double NearThreshold(string split)
    {
        var thresholds = _rules.Leakage.Where(l => l.And == split || l.Between == split).Select(l => l.NearJaccard).OfType<double>().ToList();
        if (_rules.NearDuplicates is { } near)
        {
            thresholds.Add(near.Jaccard);
        }

        return thresholds.Count == 0 ? 0.8 : thresholds.Min();
    }

    private List<DatasetSplit> Order(IReadOnlyList<DatasetSplit> splits)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in splits)
        {
            if (string.IsNullOrWhiteSpace(s.Name) || !names.Add(s.Name))
            {
                throw new DataValidationException($"Split names must be non-empty and unique; '{s.Name}' is not.");
            }
        }

        foreach (var rule in _rules.Leakage)
        {
            foreach (var name in new[] { rule.Between, rule.And })
            {
                if (!names.Contains(name))
                {
                    throw new DataValidationException($"NoLeakage refers to split '{name}', which is not validated here (splits: {string.Join(", ", names)}).");
                }
            }

            if (_rules.Leakage.Any(o => o.Between == rule.And && o.And == rule.Between))
            {
                throw new DataValidationException($"NoLeakage is declared both ways between '{rule.Between}' and '{rule.And}'; leakage is symmetric, declare it once.");
            }
        }

        // Each leakage source is scanned before the split checked against it, so its index is complete.
        var ordered = new List<DatasetSplit>();
        var remaining = splits.ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(s => _rules.Leakage.Where(l => l.And == s.Name).All(l => ordered.Any(o => o.Name == l.Between)))
                ?? throw new DataValidationException("NoLeakage rules form a cycle; declare each pair of splits once.");
            ordered.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }
}
