using System.Linq.Expressions;
using System.Reflection;

namespace LlmOps.Evaluation;

/// <summary>
/// A rule's threshold, and where it came from: a threshold read from a pipeline parameter also knows the parameter's
/// committed default, so a verdict records a threshold lowered on the command line.
/// </summary>
/// <param name="Value">The threshold in force.</param>
/// <param name="Parameter">The parameter it was read from, or null for a literal.</param>
/// <param name="CommittedDefault">The parameter's default in the committed code, or null when unknown or literal.</param>
public sealed record Threshold(double Value, string? Parameter = null, double? CommittedDefault = null)
{
    /// <summary>Whether the value differs from the committed default.</summary>
    public bool ChangedFromDefault => CommittedDefault is { } committed && committed != Value;

    /// <summary>
    /// Reads a threshold from a parameter member (<c>() =&gt; MinAccuracy</c>). The committed default is that member
    /// of a fresh instance of the pipeline class, which holds its field initialiser or getter default.
    /// </summary>
    public static Threshold From(Expression<Func<double>> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var value = parameter.Compile()();
        if (parameter.Body is not MemberExpression { Member: var member, Expression: ConstantExpression { Value: { } owner } })
        {
            return new Threshold(value);
        }

        return new Threshold(value, member.Name, DefaultOf(owner.GetType(), member));
    }

    private static double? DefaultOf(Type type, MemberInfo member)
    {
        try
        {
            var fresh = Activator.CreateInstance(type, nonPublic: true);
            return member switch
            {
                FieldInfo field => Convert.ToDouble(field.GetValue(fresh), System.Globalization.CultureInfo.InvariantCulture),
                PropertyInfo property => Convert.ToDouble(property.GetValue(fresh), System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
        }
        catch (Exception e) when (e is MissingMethodException or TargetInvocationException or InvalidCastException or MemberAccessException)
        {
            // A pipeline without a parameterless constructor: the verdict says the default is unknown.
            return null;
        }
    }
}
