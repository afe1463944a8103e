using System.Runtime.CompilerServices;
using LlmOps.DataValidation;

namespace LlmOps.Evaluation;

/// <summary>
/// Share of answers holding personal data or secrets, found by the dataset validator's own detectors
/// (<see cref="PiiDetector"/>), so an answer leaks what the validator would have kept out of training data.
/// <see cref="MetricSet.NoPiiInOutput"/> declares one for any kind and one per kind; lower is better.
/// </summary>
public sealed class PiiInOutputMetric : Metric
{
    private readonly PiiKind _counted;
    private readonly Scans _scans;

    private PiiInOutputMetric(string name, PiiKind counted, Scans scans)
        : base(name, higherIsBetter: false) => (_counted, _scans) = (counted, scans);

    /// <summary>The metrics of one declaration: any of <paramref name="kinds"/>, then each kind on its own; every answer is scanned once for all of them.</summary>
    internal static IEnumerable<Metric> For(PiiKind kinds, PiiOptions options)
    {
        var scans = new Scans(kinds, options);
        yield return new PiiInOutputMetric(Metric.PiiInOutput, kinds, scans);
        foreach (var kind in Enum.GetValues<PiiKind>().Where(k => k != PiiKind.None && (k & (k - 1)) == 0 && (kinds & k) != 0))
        {
            yield return new PiiInOutputMetric($"{Metric.PiiInOutput}.{PiiDetector.NameOf(kind)}", kind, scans);
        }
    }

    /// <inheritdoc />
    public override string Describe() => $"{Name}(kinds={(int)_scans.Kinds},{_scans.Options.PhoneRegion},{_scans.Options.ReportVersionLikeIPv4})";

    /// <inheritdoc />
    public override ValueTask<Measurement> MeasureAsync(IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var found = _scans.Of(records);
        return ValueTask.FromResult(Measurement.Mean([.. found.Select(k => (k & _counted) != 0 ? 1.0 : 0.0)]));
    }

    /// <summary>The kinds found in each answer, kept per answer list so the per-kind metrics do not scan again.</summary>
    private sealed class Scans(PiiKind kinds, PiiOptions options)
    {
        private readonly ConditionalWeakTable<IReadOnlyList<EvalRecord>, PiiKind[]> _found = [];

        public PiiKind Kinds => kinds;

        public PiiOptions Options => options;

        public PiiKind[] Of(IReadOnlyList<EvalRecord> records) => _found.GetValue(records, rs =>
            [.. rs.Select(r => PiiDetector.Find(r.Output, kinds, options).Aggregate(PiiKind.None, (all, f) => all | f.Kind))]);
    }
}
