using System.Diagnostics;
using System.Globalization;
using LlmOps.Bench.DataValidation;
using LlmOps.DataValidation;

// Data validation benchmark: structure-only validation against Python's json module and jq, and full validation
// against tokenization alone, on a generated chat JSONL file. Usage: dotnet run -c Release --project
// bench/DataValidation -- [--size-mb 512] [--cores 2] [--reps 1] [--dir /tmp/llmops-dv-bench] [--skip-peers] [--skip-full] [--breakdown]
var sizeMb = Option("--size-mb", 512);
var cores = Option("--cores", Math.Min(2, Environment.ProcessorCount));
var dir = OptionText("--dir", Path.Combine(Path.GetTempPath(), "llmops-dv-bench"));
var skipPeers = args.Contains("--skip-peers");
var reps = Math.Max(1, Option("--reps", 1));
Directory.CreateDirectory(dir);
var file = Path.Combine(dir, $"chat-{sizeMb}mb.jsonl");
if (!File.Exists(file))
{
    Console.WriteLine($"Generating {sizeMb} MB of chat JSONL into {file} ...");
    ChatGenerator.Write(file, sizeMb * 1_000_000L);
}

var bytes = new FileInfo(file).Length;
var mb = bytes / 1e6;
Console.WriteLine($"Input: {file}, {mb:N0} MB; {cores} cores for every contender.");
var rows = new List<(string Name, double Seconds, long Examples, string Note)>();

// Warm up: JIT, regexes and the tokenizer's vocabulary load are not part of a scan.
// Structure-only takes code paths of its own (no text), so it is warmed up too, twice so tiered JIT has promoted them.
var warmup = Small();
new DatasetValidator(DatasetFormat.ChatJsonl, FullRules()) { Parallelism = cores }.Validate(warmup);
for (var w = 0; w < 2; w++)
{
    new DatasetValidator(DatasetFormat.ChatJsonl) { Parallelism = cores }.Validate(warmup);
}
Tokenizer.O200kBase.CountTokens("warm up");

if (args.Contains("--profile-structure"))
{
    StructureProfile.Run(file);
    return;
}

if (args.Contains("--breakdown"))
{
    foreach (var (name, rules) in new (string, ValidationRules)[]
    {
        ("tokens only", new ValidationRules().MaxTokens(4096, Tokenizer.O200kBase)),
        ("PII only", new ValidationRules().NoPii()),
        ("exact dups only", new ValidationRules().MaxDuplicateRate(0.02)),
        ("near dups only", new ValidationRules().MaxNearDuplicateRate(0.05, 0.8)),
    })
    {
        var t = Time(() => new DatasetValidator(DatasetFormat.ChatJsonl, rules) { Parallelism = cores }.Validate(file));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {t.Seconds:0.00} s"));
    }
}

// Structure-only and its Python peers alternate too, best of --reps each; every try is printed to show the noise.
var script = Path.Combine(AppContext.BaseDirectory, "structure_check.py");
(double Seconds, ValidationReport Value) structure = (double.MaxValue, null!);
(double Seconds, string Value) py1 = (double.MaxValue, ""), py2 = (double.MaxValue, "");
for (var r = 0; r < reps; r++)
{
    var s = Time(() => new DatasetValidator(DatasetFormat.ChatJsonl) { Parallelism = cores }.Validate(file));
    structure = s.Seconds < structure.Seconds ? s : structure;
    var line = string.Create(CultureInfo.InvariantCulture, $"  try {r + 1}: structure-only {s.Seconds:0.00} s");
    if (!skipPeers)
    {
        var p1 = Time(() => Exec("python3", $"\"{script}\" \"{file}\""));
        py1 = p1.Seconds < py1.Seconds ? p1 : py1;
        var p2 = Time(() => Exec("python3", $"\"{script}\" \"{file}\" --workers {cores}"));
        py2 = p2.Seconds < py2.Seconds ? p2 : py2;
        line += string.Create(CultureInfo.InvariantCulture, $", python 1 process {p1.Seconds:0.00} s ({p1.Seconds / s.Seconds:0.0}x), {cores} processes {p2.Seconds:0.00} s");
    }

    Console.WriteLine(line);
}

rows.Add(("LlmOps structure-only", structure.Seconds, structure.Value.Splits[0].Statistics.Examples, $"{structure.Value.Splits[0].Statistics.InvalidExamples} invalid"));

if (!skipPeers)
{
    rows.Add(("python3 json, 1 process", py1.Seconds, LongAt(py1.Value, 0), $"{LongAt(py1.Value, 1)} invalid"));
    rows.Add(($"python3 json, {cores} processes", py2.Seconds, LongAt(py2.Value, 0), $"{LongAt(py2.Value, 1)} invalid"));
    if (Exec("sh", "-c \"command -v jq\"").Length > 0)
    {
        var jq = Time(() => Exec("jq", $"-n -r -f \"{Path.Combine(AppContext.BaseDirectory, "structure_check.jq")}\" \"{file}\""));
        rows.Add(("jq 1 process", jq.Seconds, LongAt(jq.Value, 0), $"{LongAt(jq.Value, 1)} invalid"));
    }
}

var fullRatio = "";
if (args.Contains("--skip-full"))
{
    PrintTable();
    return;
}

// Full validation and its peer alternate, best of --reps each, so load from other processes hits both alike.
var full = Time(() => new DatasetValidator(DatasetFormat.ChatJsonl, FullRules()) { Parallelism = cores }.Validate(file));
var tok = Time(() => TokenizeOnly.Run(file, Tokenizer.O200kBase, cores));
for (var r = 1; r < reps; r++)
{
    var f = Time(() => new DatasetValidator(DatasetFormat.ChatJsonl, FullRules()) { Parallelism = cores }.Validate(file));
    full = f.Seconds < full.Seconds ? f : full;
    var t = Time(() => TokenizeOnly.Run(file, Tokenizer.O200kBase, cores));
    tok = t.Seconds < tok.Seconds ? t : tok;
}

var st = full.Value.Splits[0].Statistics;
rows.Add(("LlmOps full (structure+tokens+PII+dups)", full.Seconds, st.Examples, $"{st.TotalTokens:N0} tokens, {st.ExactDuplicates:N0} exact / {st.NearDuplicates:N0} near dups, {full.Value.Rules.Where(r => r.RuleId.StartsWith("pii.", StringComparison.Ordinal)).Sum(r => r.TotalFindings):N0} PII"));
rows.Add(("tokenization alone (o200k_base)", tok.Seconds, tok.Value.Lines, $"{tok.Value.Tokens:N0} tokens"));
fullRatio = string.Create(CultureInfo.InvariantCulture, $"{full.Seconds / tok.Seconds:0.00}x of tokenization");

PrintTable();

void PrintTable()
{
    Console.WriteLine();
    Console.WriteLine($"| measurement | seconds | MB/s | examples/s | ratio | notes |");
    Console.WriteLine($"|---|---:|---:|---:|---:|---|");
    foreach (var r in rows)
    {
        var ratio = r.Name.StartsWith("LlmOps full", StringComparison.Ordinal) ? fullRatio
            : r.Name.StartsWith("LlmOps", StringComparison.Ordinal) || r.Name.StartsWith("tokenization", StringComparison.Ordinal) ? ""
            : $"LlmOps {r.Seconds / structure.Seconds:0.0}x faster";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Seconds:0.00} | {mb / r.Seconds:N0} | {r.Examples / r.Seconds:N0} | {ratio} | {r.Note} |"));
    }
}

int Option(string name, int fallback) => int.TryParse(OptionText(name, null), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

string OptionText(string name, string? fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback!;
}

static ValidationRules FullRules() => new ValidationRules()
    .MaxTokens(4096, Tokenizer.O200kBase)
    .NoPii(PiiKind.All, Severity.Error)
    .MaxDuplicateRate(0.02)
    .MaxNearDuplicateRate(0.05, 0.8, Severity.Warning);

string Small()
{
    var path = Path.Combine(dir, "warmup.jsonl");
    ChatGenerator.Write(path, 2_000_000, seed: 1);
    return path;
}

static (double Seconds, T Value) Time<T>(Func<T> action)
{
    GC.Collect();
    var watch = Stopwatch.StartNew();
    var value = action();
    return (watch.Elapsed.TotalSeconds, value);
}

static string Exec(string program, string arguments)
{
    using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var output = process.StandardOutput.ReadToEnd();
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}");
    }

    return output.Trim();
}

static long LongAt(string output, int index) => long.Parse(output.Split(' ')[index], CultureInfo.InvariantCulture);
