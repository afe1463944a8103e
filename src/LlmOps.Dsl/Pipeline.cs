using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>
/// Base class of every pipeline definition. A pipeline declares its stages as <see cref="Stage"/> properties, its
/// parameters as <see cref="ParameterAttribute"/> members and its artifacts as <see cref="Artifact{T}"/> properties,
/// in the class or in components (interfaces extending <see cref="IPipeline"/>) it implements; nothing runs at
/// definition time.
/// </summary>
public abstract class Pipeline : IPipeline
{
    // Parameter values by member name, for members that cannot be assigned: get-only properties and component
    // (interface) properties, whose getters read them back through TryGetValue.
    private readonly Dictionary<string, object?> _parameterValues = new(StringComparer.Ordinal);

    /// <summary>
    /// The name that addresses this pipeline on the command line (<c>Support.Train</c>).
    /// Defaults to the class name without a trailing "Pipeline". It must not depend on parameters: it is read
    /// before they are resolved, to find the values addressed to this pipeline (<c>--support.epochs</c>).
    /// </summary>
    public virtual string Name
    {
        get
        {
            var name = GetType().Name;
            return name.EndsWith("Pipeline", StringComparison.Ordinal) && name.Length > "Pipeline".Length
                ? name[..^"Pipeline".Length]
                : name;
        }
    }

    /// <summary>The stage run when the command line names none, or null when a target must be named.</summary>
    public virtual Stage? Default => null;

    /// <summary>
    /// The pipeline's folder relative to the repository root; declared input files resolve against it.
    /// Defaults to <c>pipelines/&lt;name in lower case&gt;</c>.
    /// </summary>
    public virtual string Directory => $"pipelines/{Name.ToLowerInvariant()}";

    /// <summary>
    /// The repository root (<c>--root</c>, <c>LLMOPS_ROOT</c> or the folder with <c>.nuke/</c>), as NUKE's
    /// <c>RootDirectory</c>: set by the loader before any stage is defined, so definitions can name absolute paths.
    /// </summary>
    public string RootDirectory { get; internal set; } = System.IO.Directory.GetCurrentDirectory();

    /// <summary>The pipeline's folder, absolute.</summary>
    public string PipelineDirectory => Path.GetFullPath(Path.Combine(RootDirectory, Directory));

    /// <summary>Sets <see cref="RootDirectory"/>; called by the loader, once, before the stages are read.</summary>
    public static void AttachRoot(Pipeline pipeline, string rootDirectory) => pipeline.RootDirectory = Path.GetFullPath(rootDirectory);

    /// <summary>
    /// Records the resolved value of the parameter member <paramref name="memberName"/>, where
    /// <see cref="TryGetValue{T}(Expression{Func{T}})"/> finds it; called by the loader while it resolves parameters.
    /// </summary>
    public static void InjectValue(Pipeline pipeline, string memberName, object? value) => pipeline._parameterValues[memberName] = value;

    /// <inheritdoc />
    public T From<T>()
        where T : class, IPipeline =>
        this as T ?? throw new InvalidOperationException($"pipeline {Name} ({GetType().Name}) does not implement the component {typeof(T).Name}");

    /// <inheritdoc />
    public T? TryGetValue<T>(Expression<Func<T>> parameter)
        where T : class => (T?)Lookup(parameter);

    /// <inheritdoc />
    public T? TryGetValue<T>(Expression<Func<object?>> parameter) => Lookup(parameter) is { } value ? (T)value : default;

    private object? Lookup(LambdaExpression parameter) => _parameterValues.GetValueOrDefault(MemberNames.Of(parameter));
}
