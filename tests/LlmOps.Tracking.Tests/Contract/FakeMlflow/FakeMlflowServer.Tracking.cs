using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>Experiments, runs and metrics, with the validation messages the transcripts show.</summary>
public sealed partial class FakeMlflowServer
{
    private static readonly Regex KeyPattern = new(@"^[/\w.\- :]*$");
    private static readonly Regex ClausePattern = new(@"^\s*(tags|params|metrics|attributes|tag|param|metric|attribute)\.(`[^`]+`|""[^""]+""|[\w.\-]+)\s*(!=|>=|<=|=|>|<)\s*(.+?)\s*$", RegexOptions.IgnoreCase);

    private int ParamLimit => 6000;

    private int TagLimit => Version == MlflowServerVersion.V2_10_2 ? 5000 : 8000;

    private object CreateExperiment(JsonObject r)
    {
        var name = Req(r, "name");
        if (Store.Experiments.Any(e => e.Name == name))
        {
            throw new FakeError(400, "RESOURCE_ALREADY_EXISTS", $"Experiment(name={name}) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: experiments.name");
        }

        var exp = new FakeExperiment(Store.Experiments.Count.ToString(CultureInfo.InvariantCulture), name);
        foreach (var t in r["tags"] as JsonArray ?? [])
        {
            exp.Tags[t!["key"]!.GetValue<string>()] = t["value"]!.GetValue<string>();
        }

        Store.Experiments.Add(exp);
        return new { ExperimentId = exp.Id };
    }

    private object GetExperiment(JsonObject r)
    {
        var id = Req(r, "experiment_id");
        var exp = Store.Experiments.FirstOrDefault(e => e.Id == id) ?? throw FakeError.NotFound($"No Experiment with id={id} exists");
        return new { Experiment = ExperimentJson(exp) };
    }

    private object GetExperimentByName(JsonObject r)
    {
        var name = Req(r, "experiment_name");
        var exp = Store.Experiments.FirstOrDefault(e => e.Name == name) ?? throw FakeError.NotFound($"Could not find experiment with name '{name}'");
        return new { Experiment = ExperimentJson(exp) };
    }

    private object SearchExperiments(JsonObject r)
    {
        var max = (int)(Long(r, "max_results") ?? 0);
        if (max <= 0)
        {
            throw FakeError.Invalid($"Invalid value {max} for parameter 'max_results' supplied. It must be a positive integer");
        }

        var all = Store.Experiments.Where(e => e.LifecycleStage == "active").ToList();
        var offset = Offset(Str(r, "page_token"));
        var page = all.Skip(offset).Take(max).ToList();
        return new
        {
            Experiments = page.Count == 0 ? null : page.Select(ExperimentJson).ToList(),
            NextPageToken = offset + max < all.Count ? PageToken(offset + max) : null,
        };
    }

    private static object ExperimentJson(FakeExperiment e) => new
    {
        ExperimentId = e.Id,
        e.Name,
        ArtifactLocation = $"mlflow-artifacts:/{e.Id}",
        e.LifecycleStage,
        LastUpdateTime = e.Created,
        CreationTime = e.Created,
        Tags = e.Tags.Count == 0 ? null : e.Tags.Select(t => new { t.Key, t.Value }).ToList(),
    };

    private object CreateRun(JsonObject r)
    {
        if (Version == MlflowServerVersion.V3_6 && Str(r, "experiment_id") is null)
        {
            // What 3.x answered to a body it read as empty (NOTES.md 0.13 records "a foreign-key error"; the status is
            // inferred from how the SQL store reports integrity errors): the run row points at experiment ''.
            throw new FakeError(400, "BAD_REQUEST", "(sqlite3.IntegrityError) FOREIGN KEY constraint failed");
        }

        var expId = Str(r, "experiment_id") ?? "0";
        if (Store.Experiments.FirstOrDefault(e => e.Id == expId) is null)
        {
            throw Version == MlflowServerVersion.V3_6 && !expId.All(char.IsDigit)
                ? new FakeError(500, "INTERNAL_ERROR", $"invalid literal for int() with base 10: '{expId}'")
                : FakeError.NotFound($"No Experiment with id={expId} exists");
        }

        var run = new FakeRun(Guid.NewGuid().ToString("N"), expId) { StartTime = Long(r, "start_time") ?? 0 };
        foreach (var t in r["tags"] as JsonArray ?? [])
        {
            run.Tags[t!["key"]!.GetValue<string>()] = t["value"]!.GetValue<string>();
        }

        run.Name = Str(r, "run_name") ?? (run.Tags.TryGetValue("mlflow.runName", out var n) ? n : "casual-ray-25");
        run.Tags["mlflow.runName"] = run.Name;
        Store.Runs[run.Id] = run;
        return new { Run = RunJson(run) };
    }

    private object GetRun(JsonObject r) => new { Run = RunJson(FindRun(r)) };

    private object UpdateRun(JsonObject r)
    {
        var run = FindRun(r);
        if (Str(r, "status") is { } status && Enum.TryParse<RunStatus>(status, true, out var parsed))
        {
            run.Status = parsed.ToString().ToUpperInvariant();
        }

        run.EndTime = Long(r, "end_time") ?? run.EndTime;
        if (Str(r, "run_name") is { } name)
        {
            run.Name = name;
            run.Tags["mlflow.runName"] = name;
        }

        return new { RunInfo = RunInfoJson(run) };
    }

    private object DeleteRun(JsonObject r)
    {
        FindRun(r).LifecycleStage = "deleted";
        return new { };
    }

    private object RestoreRun(JsonObject r)
    {
        FindRun(r).LifecycleStage = "active";
        return new { };
    }

    private object SearchRuns(JsonObject r)
    {
        var ids = (r["experiment_ids"] as JsonArray ?? []).Select(n => n!.ToString()).ToHashSet();
        var filters = ParseFilter(Str(r, "filter"));
        var max = (int)(Long(r, "max_results") ?? 1000);
        var runs = Store.Runs.Values
            .Where(x => ids.Contains(x.ExperimentId) && x.LifecycleStage == "active" && filters.All(f => f(x)))
            .OrderByDescending(x => x.StartTime).ThenBy(x => x.Id, StringComparer.Ordinal).ToList();
        var offset = Offset(Str(r, "page_token"));
        var page = runs.Skip(offset).Take(max).ToList();
        return new
        {
            Runs = page.Count == 0 ? null : page.Select(RunJson).ToList(),
            NextPageToken = offset + max < runs.Count ? PageToken(offset + max) : null,
        };
    }

    private object LogMetric(JsonObject r)
    {
        var run = ActiveRun(r);
        AddMetric(run, r);
        return new { };
    }

    private object LogParam(JsonObject r)
    {
        var run = ActiveRun(r);
        AddParam(run, Req(r, "key"), Str(r, "value") ?? throw FakeError.Missing("value"));
        return new { };
    }

    private object SetTag(JsonObject r)
    {
        var run = ActiveRun(r);
        AddTag(run, Req(r, "key"), Str(r, "value") ?? throw FakeError.Missing("value"));
        return new { };
    }

    private object LogBatch(JsonObject r)
    {
        var run = ActiveRun(r);
        var metrics = r["metrics"] as JsonArray ?? [];
        var parameters = r["params"] as JsonArray ?? [];
        var tags = r["tags"] as JsonArray ?? [];
        Limit(metrics.Count, 1000, "metrics");
        Limit(parameters.Count, 100, "params");
        Limit(tags.Count, 100, "tags");
        if (metrics.Count + parameters.Count + tags.Count > 1000)
        {
            throw FakeError.Invalid($"A batch logging request can contain at most 1000 total metrics, params, and tags. Got {metrics.Count + parameters.Count + tags.Count}. Please split up across multiple requests and try again.");
        }

        foreach (var m in metrics)
        {
            AddMetric(run, (JsonObject)m!);
        }

        foreach (var p in parameters)
        {
            AddParam(run, p!["key"]!.GetValue<string>(), p["value"]!.GetValue<string>());
        }

        foreach (var t in tags)
        {
            AddTag(run, t!["key"]!.GetValue<string>(), t["value"]!.GetValue<string>());
        }

        return new { };

        static void Limit(int count, int max, string what)
        {
            if (count > max)
            {
                throw FakeError.Invalid($"A batch logging request can contain at most {max} {what}. Got {count} {what}. Please split up {what} across multiple requests and try again.");
            }
        }
    }

    private object GetHistory(JsonObject r)
    {
        var run = FindRun(r);
        var key = Req(r, "metric_key");
        var all = run.Metrics.Where(m => m.Key == key).OrderBy(m => m.Timestamp).ThenBy(m => m.Step).ToList();
        if (Version != MlflowServerVersion.V3_6)
        {
            // 2.x ignores max_results and page_token and returns everything.
            return new { Metrics = all.Count == 0 ? null : all.Select(MetricJson).ToList() };
        }

        if (Long(r, "max_results") is not { } max)
        {
            // MLflow 3.4-3.13 bug (#23916): nothing, plus a token that never advances.
            return new { NextPageToken = PageToken(0) };
        }

        var offset = Offset(Str(r, "page_token"));
        var page = all.Skip(offset).Take((int)max).ToList();
        return new
        {
            Metrics = page.Count == 0 ? null : page.Select(MetricJson).ToList(),
            NextPageToken = offset + max < all.Count ? PageToken(offset + (int)max) : null,
        };
    }

    private void AddMetric(FakeRun run, JsonObject m)
    {
        var key = Req(m, "key");
        ValidateKey(key);
        var value = m["value"] is { } v ? ParseDouble(v) : throw FakeError.Missing("value");
        var ts = Long(m, "timestamp") ?? throw FakeError.Missing("timestamp");
        run.Metrics.Add(new FakeMetric(key, value, ts, Long(m, "step") ?? 0));
        Interlocked.Increment(ref Store.MetricPointsReceived);
    }

    private void AddParam(FakeRun run, string key, string value)
    {
        ValidateKey(key);
        if (value.Length > ParamLimit)
        {
            if (Version == MlflowServerVersion.V2_10_2)
            {
                throw FakeError.Invalid($"Param value '{value[..20]}...' had length {value.Length}, which exceeded length limit of {ParamLimit}");
            }

            value = value[..ParamLimit];
        }

        if (run.Params.TryGetValue(key, out var old) && old != value)
        {
            throw FakeError.Invalid($"Changing param values is not allowed. Param with key='{key}' was already logged with value='{old}' for run ID='{run.Id}'. Attempted logging new value '{value}'.");
        }

        run.Params[key] = value;
    }

    private void AddTag(FakeRun run, string key, string value)
    {
        ValidateKey(key);
        if (value.Length > TagLimit)
        {
            if (Version == MlflowServerVersion.V2_10_2)
            {
                throw FakeError.Invalid($"Tag value '{value[..20]}...' had length {value.Length}, which exceeded length limit of {TagLimit}");
            }

            value = value[..TagLimit];
        }

        run.Tags[key] = value;
    }

    private static void ValidateKey(string key)
    {
        if (!KeyPattern.IsMatch(key) || key.Length > 250)
        {
            throw FakeError.Invalid($"Invalid value \"{key}\" for parameter 'key' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).");
        }
    }

    private FakeRun FindRun(JsonObject r)
    {
        var id = Str(r, "run_id") ?? Str(r, "run_uuid") ?? throw FakeError.Missing("run_id");
        return Store.Run(id) ?? throw FakeError.NotFound($"Run with id={id} not found");
    }

    private FakeRun ActiveRun(JsonObject r)
    {
        var run = FindRun(r);
        return run.LifecycleStage == "active" ? run : throw FakeError.Invalid($"The run {run.Id} must be in the 'active' state. Current state is deleted.");
    }

    private static List<Func<FakeRun, bool>> ParseFilter(string? filter)
    {
        var result = new List<Func<FakeRun, bool>>();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return result;
        }

        foreach (var clause in Regex.Split(filter, @"\s+and\s+", RegexOptions.IgnoreCase))
        {
            var m = ClausePattern.Match(clause);
            var literal = m.Success ? m.Groups[4].Value.Trim() : "";
            if (!m.Success || (literal.Length < 2 && !double.TryParse(literal, CultureInfo.InvariantCulture, out _)))
            {
                throw FakeError.Invalid($"Invalid clause(s) in filter string: '{filter}'");
            }

            var kind = m.Groups[1].Value.ToLowerInvariant().TrimEnd('s');
            var key = m.Groups[2].Value.Trim('`', '"');
            var op = m.Groups[3].Value;
            var text = literal.Trim('\'', '"');
            result.Add(run =>
            {
                string? actual = kind switch
                {
                    "tag" => run.Tags.GetValueOrDefault(key),
                    "param" => run.Params.GetValueOrDefault(key),
                    "attribute" => key == "status" ? run.Status : key == "run_name" ? run.Name : null,
                    _ => null,
                };
                if (kind == "metric")
                {
                    var latest = Latest(run).FirstOrDefault(x => x.Key == key);
                    if (latest is null)
                    {
                        return false;
                    }

                    var target = double.Parse(text, CultureInfo.InvariantCulture);
                    return op switch { "=" => latest.Value == target, "!=" => latest.Value != target, ">" => latest.Value > target, ">=" => latest.Value >= target, "<" => latest.Value < target, _ => latest.Value <= target };
                }

                return op switch { "=" => actual == text, "!=" => actual is not null && actual != text, _ => false };
            });
        }

        return result;
    }

    private static IEnumerable<FakeMetric> Latest(FakeRun run) =>
        run.Metrics.GroupBy(m => m.Key).Select(g => g.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ThenBy(m => m.Value).Last());

    private static object RunJson(FakeRun run) => new
    {
        Info = RunInfoJson(run),
        Data = new
        {
            Metrics = run.Metrics.Count == 0 ? null : Latest(run).Select(MetricJson).ToList(),
            Params = run.Params.Count == 0 ? null : run.Params.Select(p => new { p.Key, p.Value }).ToList(),
            Tags = run.Tags.Count == 0 ? null : run.Tags.Select(t => new { t.Key, t.Value }).ToList(),
        },
        Inputs = new { },
    };

    private static object RunInfoJson(FakeRun run) => new
    {
        RunUuid = run.Id,
        run.ExperimentId,
        RunName = run.Name,
        UserId = "",
        run.Status,
        run.StartTime,
        run.EndTime,
        run.ArtifactUri,
        run.LifecycleStage,
        RunId = run.Id,
    };

    private static object MetricJson(FakeMetric m) => new { m.Key, m.Value, m.Timestamp, m.Step };
}
