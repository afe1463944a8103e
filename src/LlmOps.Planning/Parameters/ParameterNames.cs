using System.Text;

namespace LlmOps.Planning;

/// <summary>NUKE's naming conventions: members in PascalCase, command line in kebab case, environment in upper snake case.</summary>
public static class ParameterNames
{
    /// <summary><c>LearningRate</c> → <c>learning-rate</c>.</summary>
    public static string ToKebab(string memberName)
    {
        var builder = new StringBuilder(memberName.Length + 4);
        for (var i = 0; i < memberName.Length; i++)
        {
            var c = memberName[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(memberName[i - 1]) || (i + 1 < memberName.Length && char.IsLower(memberName[i + 1]))))
            {
                builder.Append('-');
            }

            builder.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary><c>learning-rate</c> → <c>LEARNING_RATE</c>.</summary>
    public static string ToEnvironment(string kebabName) => kebabName.Replace('-', '_').ToUpperInvariant();

    /// <summary>Normalises any spelling (kebab, snake, Pascal) for comparison.</summary>
    public static string Normalize(string name) => name.Replace("-", "").Replace("_", "").ToLowerInvariant();
}
