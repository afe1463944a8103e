using System.Linq.Expressions;

namespace LlmOps.Dsl;

/// <summary>
/// Renders a condition expression roughly as the user wrote it. Expression.ToString() shows closure
/// classes (<c>value(Support).Epochs</c>), which is noise in a skip reason.
/// </summary>
internal static class ConditionText
{
    public static string Of(Expression expression) => expression switch
    {
        MemberExpression { Expression: null or ConstantExpression } m => m.Member.Name,
        MemberExpression m => $"{Of(m.Expression!)}.{m.Member.Name}",
        ConstantExpression { Value: string s } => $"\"{s}\"",
        ConstantExpression { Value: bool b } => b ? "true" : "false",
        ConstantExpression c => c.Value?.ToString() ?? "null",
        UnaryExpression { NodeType: ExpressionType.Not } u => $"!{Wrap(u.Operand)}",
        UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => Of(u.Operand),
        BinaryExpression b => $"{Wrap(b.Left)} {Operator(b.NodeType)} {Wrap(b.Right)}",
        MethodCallExpression { Object: null } call when call.Method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false) =>
            $"{Of(call.Arguments[0])}.{call.Method.Name}({string.Join(", ", call.Arguments.Skip(1).Select(Of))})",
        MethodCallExpression call =>
            $"{(call.Object is null ? call.Method.DeclaringType?.Name : Of(call.Object))}.{call.Method.Name}({string.Join(", ", call.Arguments.Select(Of))})",
        _ => expression.ToString(),
    };

    private static string Wrap(Expression e) => e is BinaryExpression ? $"({Of(e)})" : Of(e);

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.AndAlso => "&&",
        ExpressionType.OrElse => "||",
        ExpressionType.Equal => "==",
        ExpressionType.NotEqual => "!=",
        ExpressionType.GreaterThan => ">",
        ExpressionType.GreaterThanOrEqual => ">=",
        ExpressionType.LessThan => "<",
        ExpressionType.LessThanOrEqual => "<=",
        ExpressionType.Add => "+",
        ExpressionType.Subtract => "-",
        ExpressionType.Multiply => "*",
        ExpressionType.Divide => "/",
        ExpressionType.Coalesce => "??",
        _ => type.ToString(),
    };
}
