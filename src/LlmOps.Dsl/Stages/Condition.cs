using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>A stage condition with its source text, so a skip can say why.</summary>
public sealed class Condition
{
    private readonly Func<bool> _evaluate;

    /// <summary>Creates a condition from an expression; the expression's text becomes the reason on a skip.</summary>
    public Condition(Expression<Func<bool>> expression)
    {
        _evaluate = expression.Compile();
        Text = ConditionText.Of(expression.Body);
    }

    /// <summary>The condition as written, e.g. <c>Epochs &gt; 0</c>.</summary>
    public string Text { get; }

    /// <summary>Evaluates the condition now.</summary>
    public bool Evaluate() => _evaluate();
}
