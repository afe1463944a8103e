using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>Finds a pipeline's parameters and assigns each its value from the highest-precedence source.</summary>
public static class ParameterResolver
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Discovers the <see cref="ParameterAttribute"/> members of <paramref name="pipeline"/> with their initial values.</summary>
    public static List<ParameterModel> Discover(Pipeline pipeline)
    {
        var parameters = new List<ParameterModel>();
        for (var type = pipeline.GetType(); type is not null && type != typeof(Pipeline); type = type.BaseType)
        {
            foreach (var member in type.GetMembers(Members | BindingFlags.DeclaredOnly).OrderBy(m => m.MetadataToken))
            {
                var attribute = member.GetCustomAttribute<ParameterAttribute>();
                if (attribute is null)
                {
                    continue;
                }

                var memberType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
                if (!ParameterValues.IsSupported(memberType))
                {
                    throw new DefinitionException($"{type.Name}.{member.Name}: parameters of type {memberType.Name} are not supported (use string, numbers, bool, enums, TimeSpan, Uri, FileInfo, DirectoryInfo or arrays of these)");
                }

                parameters.Add(new ParameterModel(
                    member,
                    memberType,
                    attribute.Name ?? ParameterNames.ToKebab(member.Name),
                    attribute.Description,
                    member.IsDefined(typeof(SecretAttribute)),
                    GetValue(pipeline, member)));
            }
        }

        return parameters;
    }

    /// <summary>Assigns values from <paramref name="sources"/>; every bad value is reported at once.</summary>
    public static void Resolve(Pipeline pipeline, IReadOnlyList<ParameterModel> parameters, ParameterSources sources)
    {
        var problems = new List<string>();
        foreach (var parameter in parameters)
        {
            var (text, source, where) = Find(parameter, sources);
            if (text is null)
            {
                continue;
            }

            try
            {
                parameter.Value = ParameterValues.Parse(parameter.Type, text, sources.RootDirectory);
                parameter.Source = source;
                SetValue(pipeline, parameter.Member, parameter.Value);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                // Overflow and Argument come from values out of range ("1e9h", "NaNh"): the same user mistake.
                var message = e is FormatException ? e.Message : $"'{text}' is out of range for {parameter.Type.Name} ({e.Message})";
                var shown = parameter.IsSecret ? message.Replace(text, "***", StringComparison.Ordinal) : message;
                problems.Add($"{where}: {shown}");
            }
        }

        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }
    }

    private static (string? Text, string Source, string Where) Find(ParameterModel parameter, ParameterSources sources)
    {
        var key = ParameterNames.Normalize(parameter.Name);
        if (sources.CommandLine.TryGetValue(key, out var cli))
        {
            return (cli.Value, "command line", $"--{cli.Typed}");
        }

        var env = ParameterNames.ToEnvironment(parameter.Name);
        foreach (var name in new[] { "LLMOPS_" + env, env })
        {
            var value = sources.Environment(name);
            if (value is not null)
            {
                return (value, $"environment ({name})", $"environment variable {name}");
            }
        }

        foreach (var file in sources.Files)
        {
            if (file.Entries.TryGetValue(key, out var entry))
            {
                return (entry.Value, file.DisplayPath, $"{file.DisplayPath}:{entry.Line}: {entry.Key}");
            }
        }

        return (null, "default", "");
    }

    private static object? GetValue(object target, MemberInfo member) =>
        member is FieldInfo f ? f.GetValue(target) : ((PropertyInfo)member).GetValue(target);

    private static void SetValue(object target, MemberInfo member, object? value)
    {
        if (member is FieldInfo f)
        {
            f.SetValue(target, value);
        }
        else if (member is PropertyInfo { CanWrite: true } p)
        {
            p.SetValue(target, value);
        }
        else
        {
            throw new DefinitionException($"{member.DeclaringType?.Name}.{member.Name}: a parameter property needs a setter (an init accessor is enough)");
        }
    }
}
