using System.Diagnostics;
using System.Globalization;
using LlmOps.DataValidation;
using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Validation;

namespace LlmOps.Bench.DataValidation;

/// <summary>Single-thread cost of each structure-only step (--profile-structure), to see where time goes.</summary>
internal static class StructureProfile
{
    public static void Run(string file)
    {
        var mb = new FileInfo(file).Length / 1e6;
        void Report(string step, Stopwatch w) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step}: {mb / w.Elapsed.TotalSeconds:N0} MB/s"));

        var w = Stopwatch.StartNew();
        long lines = 0;
        using (var s = File.OpenRead(file))
        {
            foreach (var b in new LineReader(s, 8 << 20).Batches())
            {
                lines += b.Lines.Count;
                b.Return();
            }
        }

        Report("split lines (1 thread)", w);
        var dom = new LineDom();
        w.Restart();
        using (var s = File.OpenRead(file))
        {
            foreach (var b in new LineReader(s, 8 << 20).Batches())
            {
                foreach (var l in b.Lines)
                {
                    dom.TryParse(b.Buffer, l.Offset, l.Length, out _, out _);
                }

                b.Return();
            }
        }

        Report("split + LineDom parse (1 thread)", w);
        w.Restart();
        new DatasetValidator(DatasetFormat.ChatJsonl) { Parallelism = 1 }.Validate(file);
        Report("structure-only validator, Parallelism=1", w);
        w.Restart();
        new DatasetValidator(DatasetFormat.ChatJsonl) { Parallelism = 2 }.Validate(file);
        Report("structure-only validator, Parallelism=2", w);
    }
}
