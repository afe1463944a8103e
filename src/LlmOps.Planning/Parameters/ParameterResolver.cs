using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>Finds a pipeline's parameters and assigns each its value from the highest-precedence source.</summary>
public static class ParameterResolver
{
    /// <summary>
    /// Discovers the <see cref="ParameterAttribute"/> members of <paramref name="pipeline"/> (its class, base classes and
    /// components) with their initial values.
    /// </summary>
    public static List<ParameterModel> Discover(Pipeline pipeline)
    {
        var problems = new List<string>();
        var parameters = Discover(pipeline, problems);
        return problems.Count > 0 ? throw new DefinitionException(problems) : parameters;
    }

    /// <summary>Assigns values from <paramref name="sources"/>; every bad value is reported at once.</summary>
    public static void Resolve(Pipeline pipeline, IReadOnlyList<ParameterModel> parameters, ParameterSources sources)
    {
        var problems = new List<string>();
        Resolve(pipeline, parameters, sources, problems, problems);
        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }
    }

    internal static List<ParameterModel> Discover(Pipeline pipeline, List<string> problems)
    {
        var parameters = new List<ParameterModel>();
        foreach (var (member, attribute) in ParameterMembers.Of(pipeline.GetType(), problems))
        {
            var memberType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            if (!ParameterValues.IsSupported(memberType))
            {
                problems.Add($"{member.DeclaringType?.Name}.{member.Name}: parameters of type {memberType.Name} are not supported (use string, numbers, bool, enums, TimeSpan, Uri, FileInfo, DirectoryInfo or arrays of these)");
                continue;
            }

            object? initial;
            try
            {
                initial = GetValue(pipeline, member);
            }
            catch (TargetInvocationException e)
            {
                problems.Add($"{member.DeclaringType?.Name}.{member.Name}: reading the default value failed: {e.InnerException?.Message ?? e.Message}");
                continue;
            }

            var name = attribute.Name ?? ParameterNames.ToKebab(member.Name);
            parameters.Add(new ParameterModel(member, memberType, name, attribute.Description, member.IsDefined(typeof(SecretAttribute)), initial));
        }

        foreach (var clash in parameters.GroupBy(p => ParameterNames.Normalize(p.Name)).Where(g => g.Count() > 1))
        {
            problems.Add($"{pipeline.GetType().Name}: parameters {string.Join(" and ", clash.Select(p => $"{p.Member.DeclaringType?.Name}.{p.MemberName}"))} are both named '--{clash.First().Name}'; set [Parameter(Name = \"...\")] on one");
        }

        return parameters;
    }

    /// <summary>
    /// Assigns values; a value that does not convert is a <paramref name="valueProblems"/> entry (the user's input), a
    /// member that cannot take its value is a <paramref name="definitionProblems"/> entry (the pipeline's code).
    /// </summary>
    internal static void Resolve(Pipeline pipeline, IReadOnlyList<ParameterModel> parameters, ParameterSources sources, List<string> valueProblems, List<string> definitionProblems)
    {
        var pipelineName = pipeline.Name;
        foreach (var parameter in parameters)
        {
            // Every value, default or given, is where TryGetValue reads it, so a component reads what the class sees.
            Pipeline.InjectValue(pipeline, parameter.MemberName, parameter.Value);
            if (ParameterLookup.Find(parameter, pipelineName, sources) is not { } found)
            {
                continue;
            }

            try
            {
                parameter.Value = ParameterValues.Parse(parameter.Type, found.Text, sources.RootDirectory);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                // Overflow and Argument come from values out of range ("1e9h", "NaNh"): the same user mistake.
                var message = e is FormatException ? e.Message : $"'{found.Text}' is out of range for {parameter.Type.Name} ({e.Message})";
                var shown = parameter.IsSecret ? message.Replace(found.Text, "***", StringComparison.Ordinal) : message;
                valueProblems.Add($"{found.Where}: {shown}");
                continue;
            }

            parameter.Source = found.Source;
            parameter.SharedSource = found.Shared ? found.Where : null;
            Pipeline.InjectValue(pipeline, parameter.MemberName, parameter.Value);
            if (Assign(pipeline, parameter) is { } problem)
            {
                definitionProblems.Add(problem);
            }
        }
    }

    private static string? Assign(Pipeline pipeline, ParameterModel parameter)
    {
        var where = $"{parameter.Member.DeclaringType?.Name}.{parameter.MemberName}";
        try
        {
            switch (parameter.Member)
            {
                case FieldInfo field:
                    field.SetValue(pipeline, parameter.Value);
                    return null;
                case PropertyInfo { CanWrite: true } property:
                    property.SetValue(pipeline, parameter.Value);
                    break;
            }

            // A get-only property reads its value back through TryGetValue; one that returns something else would
            // silently run with a value other than the one given.
            var back = GetValue(pipeline, parameter.Member);
            return ParameterValues.Format(back) == ParameterValues.Format(parameter.Value)
                ? null
                : $"{where}: the property does not return the value it was given; give it a setter (an init accessor is enough) or read the value with TryGetValue(() => {parameter.MemberName})";
        }
        catch (TargetInvocationException e)
        {
            return $"{where}: assigning the value failed: {e.InnerException?.Message ?? e.Message}";
        }
    }

    private static object? GetValue(object target, MemberInfo member) =>
        member is FieldInfo f ? f.GetValue(target) : ((PropertyInfo)member).GetValue(target);
}
