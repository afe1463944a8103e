using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Evaluation;

/// <summary>
/// A number a trainer reported (eval loss, perplexity) in a JSON file of an upstream artifact, usable in rules like any
/// metric. It is one number for the whole model, not a mean of examples, so its interval is the number itself. The
/// champion's value is read from the same file name in the champion's folder; without one it is undefined ("–").
/// </summary>
public sealed class ReportedMetric : Metric
{
    private readonly ConditionalWeakTable<IReadOnlyList<EvalRecord>, StrongBox<double>> _values = [];
    private readonly Func<double, double> _transform;
    private readonly string _transformName;

    internal ReportedMetric(string name, bool higherIsBetter, ArtifactRef report, string file, string field, Func<double, double>? transform = null, string transformName = "")
        : base(name, higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        if (Path.IsPathRooted(file) || file.Split('/', '\\').Contains(".."))
        {
            throw new ArgumentException($"the report file '{file}' must be a path inside the artifact {report.Name}", nameof(file));
        }

        (Report, File, Field, _transform, _transformName) = (report, file, field, transform ?? (v => v), transformName);
    }

    /// <summary>The upstream artifact holding the report.</summary>
    public ArtifactRef Report { get; }

    /// <summary>The report's path inside the artifact: a JSON object, or JSON lines of <c>{"name", "value", "step"}</c> points.</summary>
    public string File { get; }

    /// <summary>The field (a dotted path in an object) or the point name whose last value is taken.</summary>
    public string Field { get; }

    /// <inheritdoc />
    public override string Describe() => $"{Name}({Report.Name}/{File}#{Field}{_transformName})";

    /// <inheritdoc />
    public override ValueTask<Measurement> MeasureAsync(IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var value = _values.TryGetValue(records, out var box) ? box.Value : double.NaN;
        return ValueTask.FromResult(Measurement.Aggregate(indices => indices.IsEmpty ? double.NaN : value));
    }

    /// <summary>Reads the reported value in <paramref name="folder"/> as the value of the model whose answers are <paramref name="records"/>.</summary>
    internal void Bind(IReadOnlyList<EvalRecord> records, string folder) =>
        _values.AddOrUpdate(records, new StrongBox<double>(_transform(Read(Path.Combine(folder, File), Field))));

    /// <summary>Whether <paramref name="folder"/> has the report (a champion may have been deployed without one).</summary>
    internal bool IsIn(string folder) => System.IO.File.Exists(Path.Combine(folder, File));

    /// <summary>The field's value in a JSON object file, or the last point of that name in a JSON-lines metrics file.</summary>
    internal static double Read(string path, string field)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new StageFailedException($"{path}: the trainer's report is missing; it should hold '{field}'");
        }

        var text = System.IO.File.ReadAllText(path);
        return text.TrimStart().StartsWith('{') && !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? FromObject(path, text, field)
            : FromPoints(path, text, field);
    }

    private static double FromObject(string path, string text, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var node = document.RootElement;
            foreach (var part in field.Split('.'))
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
                {
                    throw new StageFailedException($"{path}: field '{field}' not found");
                }
            }

            return node.ValueKind == JsonValueKind.Number && double.IsFinite(node.GetDouble())
                ? node.GetDouble()
                : throw new StageFailedException($"{path}: field '{field}' is {node.ValueKind.ToString().ToLowerInvariant()}, not a finite number");
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"{path}:{e.LineNumber + 1}: not valid JSON: {e.Message}");
        }
    }

    private static double FromPoints(string path, string text, string field)
    {
        double? last = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var point = JsonDocument.Parse(lines[i]);
                if (point.RootElement.ValueKind == JsonValueKind.Object
                    && point.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == field
                    && point.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number)
                {
                    last = value.GetDouble();
                }
            }
            catch (JsonException e)
            {
                throw new StageFailedException(string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}: not valid JSON: {e.Message}"));
            }
        }

        return last is { } found && double.IsFinite(found)
            ? found
            : throw new StageFailedException($"{path}: no finite '{field}' point (lines of {{\"name\": \"{field}\", \"value\": ...}})");
    }
}
