using System.Globalization;
using System.Runtime.CompilerServices;
using LlmOps.Dsl;

namespace LlmOps.Governance;

/// <summary>
/// The policy a governed stage enforces, declared in C#:
/// <c>p =&gt; p.DataValidated(Report).NoPiiErrors().GatePassed(Verdict).PackageSigned().ModelCardComplete("license")
/// .LicensesAllowed("apache-2.0", "mit").MaxSliceGap(0.15).ProvenanceComplete().Rule("name", e =&gt; ...)</c>.
/// Rules run in the order declared; every one runs, and any that fails fails the stage naming it.
/// </summary>
public sealed class GovernancePolicy
{
    private readonly List<PolicyRule> _rules = [];
    private readonly List<string> _descriptions = [];
    private readonly List<Artifact<ReportArtifact>> _validations = [];

    /// <summary>The rules, in the order declared.</summary>
    public IReadOnlyList<PolicyRule> Rules => _rules;

    /// <summary>The validation report artifacts the policy reads (the stage consumes them).</summary>
    public IReadOnlyList<Artifact<ReportArtifact>> ValidationReports => _validations;

    /// <summary>The evaluation report artifact whose verdict the policy reads, or null to read the package's.</summary>
    public Artifact<EvalReportArtifact>? VerdictReport { get; private set; }

    /// <summary>Every data validation report, in <paramref name="reports"/> and in the package's evidence, passed (warnings allowed).</summary>
    public GovernancePolicy DataValidated(params Artifact<ReportArtifact>[] reports)
    {
        _validations.AddRange(reports.Where(r => !_validations.Contains(r)));
        return Add("data-validated", $"data-validated({string.Join(",", reports.Select(r => r.Name))})", EvidenceRules.DataValidated);
    }

    /// <summary>A PII rule ran on the data, and no error-severity PII rule was violated.</summary>
    public GovernancePolicy NoPiiErrors([CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add("no-pii-errors", "no-pii-errors", EvidenceRules.NoPiiErrors, (declaredIn, declaredAt));

    /// <summary>
    /// The gate passed: every rule passed, was a stated cold start, or was overridden with a reason, a person and a
    /// time. The verdict is read from <paramref name="verdict"/> (which must then match the package's copy), or from
    /// <c>evidence/verdict.json</c> in the package when null.
    /// </summary>
    public GovernancePolicy GatePassed(Artifact<EvalReportArtifact>? verdict = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0)
    {
        VerdictReport = verdict ?? VerdictReport;
        return Add("gate-passed", $"gate-passed({verdict?.Name})", EvidenceRules.GatePassed, (declaredIn, declaredAt));
    }

    /// <summary>The package is signed, and its digest, statement subject, signature (by a trusted key), manifest and ML-BOM verify.</summary>
    public GovernancePolicy PackageSigned([CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add("package-signed", "package-signed", EvidenceRules.PackageSigned, (declaredIn, declaredAt));

    /// <summary>The model card has every field in <paramref name="fields"/>, in its front matter or as a section (<c>intended_use</c> = <c>## Intended use</c>).</summary>
    public GovernancePolicy ModelCardComplete(params string[] fields)
    {
        if (fields.Length == 0)
        {
            throw new ArgumentException("ModelCardComplete needs the fields the card must have, e.g. \"license\", \"intended_use\", \"limitations\"", nameof(fields));
        }

        return Add("model-card-complete", $"model-card-complete({string.Join(",", fields)})", e => EvidenceRules.ModelCardComplete(e, fields));
    }

    /// <summary>The model, its base model and every dataset in the ML-BOM declare a license, and each is in <paramref name="licenses"/> (SPDX ids or names, case-insensitive).</summary>
    public GovernancePolicy LicensesAllowed(params string[] licenses)
    {
        if (licenses.Length == 0)
        {
            throw new ArgumentException("LicensesAllowed needs the allowed licenses, e.g. \"apache-2.0\", \"mit\"", nameof(licenses));
        }

        return Add("licenses-allowed", $"licenses-allowed({string.Join(",", licenses.Select(l => l.ToLowerInvariant()))})", e => EvidenceRules.LicensesAllowed(e, licenses));
    }

    /// <summary>Fairness: for <paramref name="metric"/> (every metric with slices when null), the largest gap between the gate's slices is at most <paramref name="bound"/>.</summary>
    public GovernancePolicy MaxSliceGap(double bound, string? metric = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0)
    {
        if (!(bound >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), "a slice gap bound is a non-negative number");
        }

        return Add("max-slice-gap", string.Create(CultureInfo.InvariantCulture, $"max-slice-gap({bound:R},{metric})"), e => EvidenceRules.MaxSliceGap(e, bound, metric), (declaredIn, declaredAt));
    }

    /// <summary>The provenance names the builder, the run (invocation id), the source commit, and a digest for every resolved dependency.</summary>
    public GovernancePolicy ProvenanceComplete([CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add("provenance-complete", "provenance-complete", EvidenceRules.ProvenanceComplete, (declaredIn, declaredAt));

    /// <summary>A rule of your own, in C# over the typed evidence. Its name is what the report and a failure show.</summary>
    /// <param name="name">Lower-case words joined by <c>-</c>, unique in the policy.</param>
    /// <param name="check">The rule.</param>
    /// <param name="version">Change it when the rule's code changes, so a cached governance decision is made again.</param>
    /// <param name="declaredIn">Filled by the compiler: the pipeline file, for the annotation of a failure.</param>
    /// <param name="declaredAt">Filled by the compiler: the line.</param>
    public GovernancePolicy Rule(string name, Func<GovernanceEvidence, RuleResult> check, string version = "1", [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Add(name, $"rule({name},{version})", check, (declaredIn, declaredAt));
    }

    /// <summary>
    /// Where the policy was declared (the <c>.Policy(...)</c> call): a failed rule taking a <c>params</c> list, which
    /// cannot also take its caller's line, is annotated there.
    /// </summary>
    internal string? DeclaredIn { get; set; }

    /// <summary>The line of <see cref="DeclaredIn"/>.</summary>
    internal int DeclaredAt { get; set; }

    /// <summary>The policy as a canonical string, for the cache key.</summary>
    public string Describe() => string.Join(";", _descriptions);

    internal GovernancePolicy Add(string name, string description, Func<GovernanceEvidence, RuleResult> check, (string File, int Line)? declared = null)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"policy rule name '{name}' must be lower-case letters, digits and '-'", nameof(name));
        }

        if (_rules.Any(r => r.Name == name))
        {
            throw new ArgumentException($"the policy already has a rule named '{name}'", nameof(name));
        }

        var (file, line) = declared is { File.Length: > 0 } at ? at : (DeclaredIn, DeclaredAt);
        _rules.Add(new PolicyRule(name, check) { DeclaredIn = file, DeclaredAt = line });
        _descriptions.Add(description);
        return this;
    }
}
