using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>Model registry: models, versions, aliases (note the 400 for an unknown alias and the JSON body on DELETE).</summary>
public sealed partial class FakeMlflowServer
{
    private static readonly Regex AliasPattern = new(@"^[\w\-]*$");

    private object CreateModel(JsonObject r)
    {
        var name = Req(r, "name");
        if (Store.Models.ContainsKey(name))
        {
            throw new FakeError(400, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={name}) already exists.");
        }

        var model = new FakeModel(name) { Description = Str(r, "description") };
        Store.Models[name] = model;
        return new { RegisteredModel = ModelJson(model) };
    }

    private object GetModel(JsonObject r) => new { RegisteredModel = ModelJson(FindModel(Req(r, "name"))) };

    private object SearchModels(JsonObject r)
    {
        var filter = Str(r, "filter");
        var models = Store.Models.Values.Where(m => MatchesName(filter, m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var max = (int)(Long(r, "max_results") ?? 100);
        var offset = Offset(Str(r, "page_token"));
        var page = models.Skip(offset).Take(max).ToList();
        return new
        {
            RegisteredModels = page.Count == 0 ? null : page.Select(ModelJson).ToList(),
            NextPageToken = offset + max < models.Count ? PageToken(offset + max) : null,
        };
    }

    private object UpdateModel(JsonObject r)
    {
        var model = FindModel(Req(r, "name"));
        model.Description = Str(r, "description") ?? model.Description;
        return new { RegisteredModel = ModelJson(model) };
    }

    private object CreateVersion(JsonObject r)
    {
        var model = FindModel(Req(r, "name"));
        var source = Req(r, "source");
        var version = new FakeModelVersion(model.Name, model.Versions.Count + 1, source, Str(r, "run_id")) { Description = Str(r, "description") };
        foreach (var t in r["tags"] as JsonArray ?? [])
        {
            version.Tags[t!["key"]!.GetValue<string>()] = t["value"]!.GetValue<string>();
        }

        model.Versions.Add(version);
        return new { ModelVersion = VersionJson(model, version) };
    }

    private object GetVersion(JsonObject r)
    {
        var model = FindModel(Req(r, "name"));
        var (version, _) = FindVersion(model, Req(r, "version"));
        return new { ModelVersion = VersionJson(model, version) };
    }

    private object SearchVersions(JsonObject r)
    {
        var filter = Str(r, "filter");
        var runFilter = filter is null ? null : Regex.Match(filter, @"run_id\s*=\s*'([^']*)'");
        var versions = Store.Models.Values
            .SelectMany(m => m.Versions.Select(v => (m, v)))
            .Where(x => runFilter is { Success: true } ? x.v.RunId == runFilter.Groups[1].Value : MatchesName(filter, x.m.Name))
            .ToList();
        return new { ModelVersions = versions.Count == 0 ? null : versions.Select(x => VersionJson(x.m, x.v)).ToList() };
    }

    private object UpdateVersion(JsonObject r)
    {
        var model = FindModel(Req(r, "name"));
        var (version, _) = FindVersion(model, Req(r, "version"));
        version.Description = Str(r, "description") ?? version.Description;
        return new { ModelVersion = VersionJson(model, version) };
    }

    private object SetVersionTag(JsonObject r)
    {
        var (version, _) = FindVersion(FindModel(Req(r, "name")), Req(r, "version"));
        var key = Req(r, "key");
        ValidateKey(key);
        version.Tags[key] = Str(r, "value") ?? throw FakeError.Missing("value");
        return new { };
    }

    private object DeleteVersionTag(JsonObject r)
    {
        var (version, _) = FindVersion(FindModel(Req(r, "name")), Req(r, "version"));
        // The SQL store deletes the tag if there is one; a missing tag is not an error (only a missing version is).
        version.Tags.Remove(Req(r, "key"));
        return new { };
    }

    private object Alias(JsonObject r)
    {
        var isGet = r.ContainsKey("__get");
        var name = Req(r, "name");
        var alias = Req(r, "alias");
        var model = FindModel(name);
        if (r.ContainsKey("version"))
        {
            if (!AliasPattern.IsMatch(alias) || alias.Length > 255 || alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || Regex.IsMatch(alias, @"^[vV]\d+$"))
            {
                throw FakeError.Invalid($"Invalid alias name: '{alias}'. Aliases must contain only alphanumerics, underscores (_) and dashes (-).");
            }

            var (version, _) = FindVersion(model, Req(r, "version"));
            model.Aliases[alias] = version.Version.ToString(CultureInfo.InvariantCulture);
            return new { };
        }

        if (r.ContainsKey("__delete"))
        {
            model.Aliases.Remove(alias);
            return new { };
        }

        _ = isGet;
        if (!model.Aliases.TryGetValue(alias, out var target))
        {
            throw FakeError.Invalid($"Registered model alias {alias} not found.");
        }

        var (found, _) = FindVersion(model, target);
        return new { ModelVersion = VersionJson(model, found) };
    }

    private FakeModel FindModel(string name) =>
        Store.Models.GetValueOrDefault(name) ?? throw FakeError.NotFound($"Registered Model with name={name} not found");

    private static (FakeModelVersion, int) FindVersion(FakeModel model, string version)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw FakeError.Invalid($"Parameter 'version' must be an integer, got '{version}'.");
        }

        var found = model.Versions.FirstOrDefault(v => v.Version == number) ?? throw FakeError.NotFound($"Model Version (name={model.Name}, version={number}) not found");
        return (found, number);
    }

    private static bool MatchesName(string? filter, string name)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        // As MLflow's sqlparse-based parser: a value in '...' (where '' stays inside) or "..." (an identifier token,
        // which MLflow also takes as a value), taken verbatim between its quotes; there is no escape to undo.
        var m = Regex.Match(filter, @"^\s*name\s*(=|LIKE)\s*('(?:''|[^'])*'|""(?:""""|[^""])*"")\s*$", RegexOptions.IgnoreCase);
        if (!m.Success)
        {
            throw FakeError.Invalid($"Invalid filter '{filter}'");
        }

        var value = m.Groups[2].Value[1..^1];
        if (m.Groups[1].Value == "=")
        {
            return name == value;
        }

        var pattern = "^" + Regex.Escape(value).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(name, pattern);
    }

    private static object ModelJson(FakeModel m) => new
    {
        m.Name,
        CreationTimestamp = m.Created,
        LastUpdatedTimestamp = m.Created,
        m.Description,
        LatestVersions = m.Versions.Count == 0 ? null : new[] { VersionJson(m, m.Versions[^1]) }.ToList(),
        Aliases = m.Aliases.Count == 0 ? null : m.Aliases.Select(a => new { Alias = a.Key, Version = a.Value }).ToList(),
    };

    private static object VersionJson(FakeModel m, FakeModelVersion v)
    {
        var aliases = m.Aliases.Where(a => a.Value == v.Version.ToString(CultureInfo.InvariantCulture)).Select(a => a.Key).ToList();
        return new
        {
            v.Name,
            Version = v.Version.ToString(CultureInfo.InvariantCulture),
            CreationTimestamp = m.Created,
            LastUpdatedTimestamp = m.Created,
            CurrentStage = "None",
            v.Description,
            v.Source,
            v.RunId,
            Status = "READY",
            Tags = v.Tags.Count == 0 ? null : v.Tags.Select(t => new { t.Key, t.Value }).ToList(),
            RunLink = "",
            Aliases = aliases.Count == 0 ? null : aliases,
        };
    }
}
