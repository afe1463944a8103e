using System.Diagnostics;
using System.Globalization;
using LlmOps.DataValidation;
using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Validation;

namespace LlmOps.Bench.DataValidation;

/// <summary>Single-thread cost of each structure-only step (--profile-structure), to see where time goes.</summary>
internal static class StructureProfile
{
    /// <summary>Steps over batches already in memory, so file reading and line splitting are not part of them.</summary>
    private static void InMemory(string file, double mb)
    {
        var batches = new List<LineBatch>();
        using (var s = File.OpenRead(file))
        {
            batches.AddRange(new LineReader(s, 8 << 20).Batches());
        }

        void Step(string name, Action<LineBatch> action)
        {
            var best = double.MaxValue;
            var allocated = GC.GetTotalAllocatedBytes(true);
            var collections = GC.CollectionCount(0);
            for (var r = 0; r < 3; r++)
            {
                var w = Stopwatch.StartNew();
                foreach (var b in batches)
                {
                    action(b);
                }

                best = Math.Min(best, w.Elapsed.TotalSeconds);
            }

            var perRun = (GC.GetTotalAllocatedBytes(true) - allocated) / 3e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  in memory, {name} (1 thread): {mb / best:N0} MB/s, {perRun:N1} MB allocated, {GC.CollectionCount(0) - collections} gen0 GCs"));
        }

        var dom = new LineDom();
        Step("Utf8.IsValid", b =>
        {
            foreach (var l in b.Lines)
            {
                System.Text.Unicode.Utf8.IsValid(b.Buffer.AsSpan(l.Offset, l.Length));
            }
        });
        Step("LineDom parse", b =>
        {
            foreach (var l in b.Lines)
            {
                dom.TryParse(b.Buffer, l.Offset, l.Length, out _, out _);
            }
        });
        var plan = new ValidationPlan(new ValidationRules(), DatasetFormat.ChatJsonl, false, false, false, false);
        var processor = new LineProcessor(plan, "data", file);
        Step("LineProcessor (utf8+parse+check)", b => processor.Process(b));
        var processors = new System.Collections.Concurrent.ConcurrentBag<LineProcessor>();
        var w2 = Stopwatch.StartNew();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, b =>
        {
            var p = processors.TryTake(out var x) ? x : new LineProcessor(plan, "data", file);
            p.Process(b);
            processors.Add(p);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  in memory, LineProcessor on 2 threads: {mb / w2.Elapsed.TotalSeconds:N0} MB/s"));
        foreach (var b in batches)
        {
            b.Return();
        }
    }

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
        InMemory(file, mb);
        w.Restart();
        new DatasetValidator(DatasetFormat.ChatJsonl) { Parallelism = 1 }.Validate(file);
        Report("structure-only validator, Parallelism=1", w);
        for (var r = 0; r < 3; r++)
        {
            w.Restart();
            new DatasetValidator(DatasetFormat.ChatJsonl) { Parallelism = 2 }.Validate(file);
            Report("structure-only validator, Parallelism=2", w);
        }
    }
}
