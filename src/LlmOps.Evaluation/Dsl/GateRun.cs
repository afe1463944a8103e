using System.Globalization;
using LlmOps.Dsl;
using LlmOps.Runtime;

namespace LlmOps.Evaluation;

/// <summary>One run of a gate stage: answer, measure, judge, report, bless or fail.</summary>
internal static class GateRun
{
    public static async Task RunAsync<TModel>(StageContext ctx, EvaluationFeature<TModel> gate)
        where TModel : IArtifactKind<TModel>
    {
        var examples = EvalSetReader.Read(ctx.InputDirectory(gate.EvalSet), gate.Format);
        var modelDirectory = ctx.InputDirectory(gate.Model);
        var predictor = gate.Predictor!;
        if (predictor is ChatPredictor { CacheDirectory: null } chat)
        {
            chat.CacheDirectory = StateLayout.Of(ctx.RootDirectory).Part("evaluation", "responses");
        }

        ctx.Log(string.Create(CultureInfo.InvariantCulture, $"answering {examples.Count} examples of {gate.EvalSet.Name} with {gate.Model.Name}"));
        var candidate = await AnswerAsync(ctx, predictor, modelDirectory, examples);
        foreach (var reported in gate.Metrics.All.OfType<ReportedMetric>())
        {
            reported.Bind(candidate, ctx.InputDirectory(reported.Report));
        }

        IReadOnlyList<EvalRecord>? champion = null;
        if (gate.Champion is { } declared)
        {
            if (await declared.LocateAsync(ctx, Champion.CacheDirectory(ctx.RootDirectory), ctx.Log, ctx.CancellationToken) is { } folder)
            {
                ctx.Log($"answering the same examples with the champion at {declared}");
                champion = await AnswerAsync(ctx, predictor, folder, examples);
                foreach (var reported in gate.Metrics.All.OfType<ReportedMetric>().Where(r => r.IsIn(folder)))
                {
                    reported.Bind(champion, folder);
                }
            }
            else
            {
                ctx.Log($"cold start: no champion at {declared}; comparisons with it are stated, not made");
            }
        }

        Verdict verdict;
        try
        {
            verdict = await GateEvaluator.EvaluateAsync(
                candidate, champion, gate.Metrics, gate.Rules,
                (GateOverride.CurrentActor(RunVariables.Of(ctx).Read), DateTimeOffset.UtcNow), ctx.CancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // A metric that cannot be computed on these answers (no latency, a judge reply without a score) is the
            // pipeline's mistake or the data's, said in a sentence, not a stack trace.
            throw new StageFailedException("evaluation failed: " + e.Message);
        }

        Report(ctx, gate, verdict);
        if (!verdict.Passed)
        {
            foreach (var blocking in verdict.Blocking)
            {
                if (gate.Rules.All.FirstOrDefault(r => r.Name == blocking.Rule) is { DeclaredIn: { } file } rule)
                {
                    ctx.Annotate(new Annotation(file, rule.DeclaredAt, $"gate rule {blocking.Rule} {KebabCaseName.Of(blocking.Status)}: {blocking.Reason}"));
                }
            }

            throw new StageFailedException("gate failed: " + string.Join("; ", verdict.Blocking.Select(r => $"{r.Rule} {KebabCaseName.Of(r.Status)}: {r.Reason}")));
        }

        if (gate.Blessing is { } blessing)
        {
            Blessed<TModel>.Write(ctx.OutputDirectory(blessing), modelDirectory, ctx.StageName, verdict);
            ctx.Log($"blessed {gate.Model.Name} as {blessing.Name}");
        }
    }

    private static async Task<IReadOnlyList<EvalRecord>> AnswerAsync(StageContext ctx, IPredictor predictor, string modelDirectory, IReadOnlyList<EvalExample> examples)
    {
        var answers = await predictor.PredictAsync(modelDirectory, examples, ctx.Log, ctx.CancellationToken);
        return examples.Zip(answers, (e, a) => new EvalRecord(e, a.Output, a.Confidence, a.LatencyMilliseconds, a.InputTokens, a.OutputTokens)).ToList();
    }

    private static void Report<TModel>(StageContext ctx, EvaluationFeature<TModel> gate, Verdict verdict)
        where TModel : IArtifactKind<TModel>
    {
        foreach (var rule in verdict.Rules)
        {
            ctx.Log($"{rule.Rule}: {KebabCaseName.Of(rule.Status)} - {rule.Reason}");
        }

        foreach (var warning in verdict.Warnings)
        {
            ctx.Log("warning: " + warning);
        }

        foreach (var metric in verdict.Metrics.Where(m => m.Slice is null))
        {
            ctx.Metric($"eval.{metric.Metric}", metric.Candidate.Estimate);
            ctx.Metric($"eval.{metric.Metric}.low", metric.Candidate.Low);
            if (metric.Champion is { } champion)
            {
                ctx.Metric($"eval.champion.{metric.Metric}", champion.Estimate);
            }
        }

        ctx.Metric("eval.gate_passed", verdict.Passed ? 1 : 0);
        var title = gate.Title(ctx.StageName);
        var markdown = VerdictMarkdown.Render(verdict, title);
        ctx.Summary(markdown);

        // A failed stage's outputs are not stored, so a failed gate's reports go to the state folder, named in the log.
        var folder = gate.Verdict is { } artifact && verdict.Passed
            ? ctx.OutputDirectory(artifact)
            : StateLayout.Of(ctx.RootDirectory).Part("evaluation", "verdicts", ctx.StageName);
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, VerdictJson.FileName), VerdictJson.Write(verdict));
        AtomicFile.WriteAllText(Path.Combine(folder, VerdictMarkdown.FileName), markdown);
        AtomicFile.WriteAllText(Path.Combine(folder, VerdictHtml.FileName), VerdictHtml.Render(verdict, title));
        ctx.Log($"verdict written to {folder}");
    }
}
