using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>
/// What a pipeline offers to the code that defines its stages, and the base of components: an interface that
/// extends <see cref="IPipeline"/> can declare stages and parameters as default members, and every pipeline that
/// implements it gets them, as NUKE's build components do (<c>interface IPack : ICompile</c>):
/// <code>
/// interface IEvaluateModel : IPipeline
/// {
///     [Parameter("Held-out examples to score")]
///     int EvalSamples => TryGetValue&lt;int?&gt;(() =&gt; EvalSamples) ?? 200;
///
///     Stage Evaluate =&gt; _ =&gt; _.Executes(ctx =&gt; ctx.Log($"scoring {EvalSamples} examples of {Name}"));
/// }
/// </code>
/// Components have no fields, so a component parameter reads its value with <see cref="TryGetValue{T}(Expression{Func{T}})"/>.
/// </summary>
public interface IPipeline
{
    /// <summary>The name that addresses the pipeline on the command line (<c>Support.Train</c>).</summary>
    string Name { get; }

    /// <summary>The repository root, absolute.</summary>
    string RootDirectory { get; }

    /// <summary>The pipeline's folder, absolute; declared input files resolve against it.</summary>
    string PipelineDirectory { get; }

    /// <summary>
    /// This pipeline as the component <typeparamref name="T"/>, to name the component's stages and parameters from the
    /// class or from another component: <c>DependsOn(From&lt;IEvaluateModel&gt;().Evaluate)</c>.
    /// </summary>
    /// <typeparam name="T">A component the pipeline implements.</typeparam>
    T From<T>()
        where T : class, IPipeline;

    /// <summary>
    /// The value the loader resolved for the parameter <paramref name="parameter"/> names (<c>() =&gt; Model</c>), or
    /// null before the loader has resolved it, so the getter's fallback is the default:
    /// <c>[Parameter] string Model =&gt; TryGetValue(() =&gt; Model) ?? "base"</c>.
    /// </summary>
    /// <typeparam name="T">A reference type.</typeparam>
    T? TryGetValue<T>(Expression<Func<T>> parameter)
        where T : class;

    /// <summary>
    /// As <see cref="TryGetValue{T}(Expression{Func{T}})"/>, for value types, which name their nullable type:
    /// <c>[Parameter] int Samples =&gt; TryGetValue&lt;int?&gt;(() =&gt; Samples) ?? 200</c>.
    /// </summary>
    /// <typeparam name="T">The nullable type to return, e.g. <c>int?</c>.</typeparam>
    T? TryGetValue<T>(Expression<Func<object?>> parameter);
}
