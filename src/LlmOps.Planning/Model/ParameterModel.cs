using System.Reflection;

namespace LlmOps.Planning;

/// <summary>A pipeline parameter after resolution: its value and where the value came from.</summary>
public sealed class ParameterModel
{
    internal ParameterModel(MemberInfo member, Type type, string name, string description, bool isSecret, object? defaultValue)
    {
        Member = member;
        Type = type;
        Name = name;
        Description = description;
        IsSecret = isSecret;
        DefaultValue = defaultValue;
        Value = defaultValue;
    }

    /// <summary>The field or property: of the pipeline class, or of a component interface (its getter reads the value).</summary>
    public MemberInfo Member { get; }

    /// <summary>The member's type.</summary>
    public Type Type { get; }

    /// <summary>The command-line name in kebab case, e.g. <c>learning-rate</c>.</summary>
    public string Name { get; }

    /// <summary>The C# member name, e.g. <c>LearningRate</c>.</summary>
    public string MemberName => Member.Name;

    /// <summary>The description from the attribute.</summary>
    public string Description { get; }

    /// <summary>Whether the value is masked everywhere.</summary>
    public bool IsSecret { get; }

    /// <summary>The member's initial value.</summary>
    public object? DefaultValue { get; }

    /// <summary>The resolved value.</summary>
    public object? Value { get; internal set; }

    /// <summary>Where the value came from: "default", "command line", "environment (EPOCHS)", a file name.</summary>
    public string Source { get; internal set; } = "default";

    /// <summary>
    /// Where the value was given without a pipeline name (<c>--epochs</c>, <c>environment variable EPOCHS</c>,
    /// <c>.nuke/parameters.json:2: Epochs</c>), or null when it was qualified or is the default. Such a value applies
    /// to every selected pipeline that has the parameter, which must then be only one.
    /// </summary>
    public string? SharedSource { get; internal set; }

    /// <summary>Whether the parameter has a usable value (not null, not an empty string).</summary>
    public bool HasValue => Value is not null && Value is not string { Length: 0 };

    /// <summary>The value as shown to people: secrets masked, null as "(none)".</summary>
    public string DisplayValue => IsSecret ? (HasValue ? "***" : "(none)") : ParameterValues.Format(Value);

    /// <summary>A short name of the type for help text.</summary>
    public string TypeName => ParameterValues.TypeName(Type);
}
