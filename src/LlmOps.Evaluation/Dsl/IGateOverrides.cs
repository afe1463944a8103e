using LlmOps.Dsl;

namespace LlmOps.Evaluation;

/// <summary>
/// A component that gives a pipeline <c>--override-gate &lt;rule&gt; --reason "&lt;text&gt;"</c>. A gate that takes
/// them (<c>g.Override(From&lt;IGateOverrides&gt;())</c>) lets that one rule through and records the reason, who and
/// when in its verdict and its blessing; an override without a reason, or of a rule the gate does not have, is a
/// definition error (exit 2).
/// </summary>
public interface IGateOverrides : IPipeline
{
    /// <summary>The gate rule to let through despite its result.</summary>
    [Parameter("Let this evaluation gate rule through despite its result (needs --reason); recorded in the verdict")]
    string OverrideGate => TryGetValue(() => OverrideGate) ?? "";

    /// <summary>Why the rule named by <see cref="OverrideGate"/> is let through.</summary>
    [Parameter("Why the gate rule named by --override-gate is let through; recorded with who and when")]
    string Reason => TryGetValue(() => Reason) ?? "";
}
