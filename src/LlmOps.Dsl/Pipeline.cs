namespace LlmOps.Dsl;

/// <summary>
/// Base class of every pipeline definition. A pipeline declares its stages as
/// <see cref="Stage"/> properties, its parameters as <see cref="ParameterAttribute"/> members and its
/// artifacts as <see cref="Artifact{T}"/> properties; nothing runs at definition time.
/// </summary>
public abstract class Pipeline
{
    /// <summary>
    /// The name that addresses this pipeline on the command line (<c>Support.Train</c>).
    /// Defaults to the class name without a trailing "Pipeline".
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
}
