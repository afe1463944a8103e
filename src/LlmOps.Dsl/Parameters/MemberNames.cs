using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>Reads the member name out of <c>() =&gt; Epochs</c>.</summary>
internal static class MemberNames
{
    public static string Of(LambdaExpression expression)
    {
        var body = expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : expression.Body;
        return body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"Expected a parameter member such as () => Epochs, got {expression.Body}.", nameof(expression));
    }
}
