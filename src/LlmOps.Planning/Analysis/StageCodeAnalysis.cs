using System.Reflection;
using System.Runtime.CompilerServices;

namespace LlmOps.Planning;

/// <summary>
/// The code a stage can run and the parameters it reads, found from the compiled IL of its definition (the
/// <c>_ =&gt; _...</c> lambda) and its body, following every call into the user's own code: lambdas, local functions,
/// async and iterator bodies, helpers in other classes, properties, constructors and initializers of what it reads,
/// and virtual or interface calls to every implementation the user's code has. Other stages it names
/// (<c>DependsOn(Validate)</c>) are not its code. Calls into packages and LlmOps libraries count by their assembly's
/// fingerprint; the shared framework does not count.
/// <para>
/// It fails closed. Where the code cannot be followed (reflection that invokes or creates, <c>dynamic</c>, a delegate
/// stored from elsewhere, an interface with no implementation in the user's code) the stage is keyed on the whole
/// assembly and <see cref="Reasons"/> says why in words. What that means for parameters depends on who asks, so
/// there are two lists: <see cref="ParametersInKey"/> for the cache and <see cref="ParametersRead"/> for handing out
/// values.
/// </para>
/// </summary>
public sealed class StageCodeAnalysis
{
    private static readonly ConditionalWeakTable<StageModel, StageCodeAnalysis> Cache = new();

    private StageCodeAnalysis(StageModel stage)
    {
        var assembly = stage.Pipeline.Type.Assembly;
        AssemblyName = assembly.GetName().Name ?? assembly.FullName ?? "";
        var roots = new[] { stage.DefinitionMethod, stage.Definition.ActionBody?.Method }.OfType<MethodInfo>();
        var analysis = AssemblyAnalysis.For(assembly).Analyse(roots);
        Reasons = analysis.Reasons;
        CodeHash = IsComplete ? "stage:" + analysis.Hash : "assembly:" + CodeFingerprint.Of(assembly);

        var declared = stage.Definition.DeclaredParameters.ToHashSet(StringComparer.Ordinal);
        ParametersRead = stage.Pipeline.Parameters
            .Where(p => declared.Contains(p.MemberName) || analysis.ParametersRead.Contains(UserCode.KeyOf(p.Member)))
            .ToList();
        ParametersInKey = IsComplete ? ParametersRead : stage.Pipeline.Parameters;
    }

    /// <summary>
    /// The identity of the stage's code for its cache key: <c>stage:</c> and the hash of the code it reaches, or, when
    /// that cannot be analysed, <c>assembly:</c> and the fingerprint of the whole pipelines assembly.
    /// </summary>
    public string CodeHash { get; }

    /// <summary>Whether all the stage's code could be followed, so <see cref="CodeHash"/> covers only that code.</summary>
    public bool IsComplete => Reasons.Count == 0;

    /// <summary>Why the stage is keyed on the whole assembly, in words; empty when <see cref="IsComplete"/>.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The name of the pipelines assembly, e.g. <c>LlmOps.Pipelines</c>.</summary>
    public string AssemblyName { get; }

    /// <summary>
    /// The parameters the stage was shown to read: found in its code or declared with <c>UsesParameters</c>, in
    /// declaration order. For handing values out (a CI step's secrets, the parameters logged to tracking) this fails
    /// closed by being short: a secret goes only to a step shown to read it, even when the analysis is incomplete.
    /// </summary>
    public IReadOnlyList<ParameterModel> ParametersRead { get; }

    /// <summary>
    /// The parameters whose values enter the cache key. For caching, failing closed means the opposite of
    /// <see cref="ParametersRead"/>: when the analysis is incomplete, every parameter of the pipeline.
    /// </summary>
    public IReadOnlyList<ParameterModel> ParametersInKey { get; }

    /// <summary>
    /// For <c>--dry-run</c>: <c>keyed on the whole assembly LlmOps.Pipelines (reflection call ... cannot be followed)</c>,
    /// or null when the stage is keyed on its own code.
    /// </summary>
    public string? WholeAssemblyNote => IsComplete ? null : $"keyed on the whole assembly {AssemblyName} ({string.Join("; ", Reasons)})";

    /// <summary>The analysis of <paramref name="stage"/>, computed once per loaded stage.</summary>
    public static StageCodeAnalysis Of(StageModel stage) => Cache.GetValue(stage, s => new StageCodeAnalysis(s));
}
