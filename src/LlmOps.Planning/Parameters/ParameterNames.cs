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

    /// <summary>The command-line name of a parameter addressed to one pipeline: <c>FineTune</c>, <c>epochs</c> → <c>fine-tune.epochs</c>.</summary>
    public static string Qualified(string pipelineName, string kebabName) => $"{ToKebab(pipelineName)}.{kebabName}";

    /// <summary>The normalised key of a qualified name, as typed (<c>--FineTune.Epochs</c>) or in a file (<c>"fine-tune.epochs"</c>).</summary>
    public static string NormalizeQualified(string pipelineName, string name) => $"{Normalize(pipelineName)}.{Normalize(name)}";

    /// <summary>
    /// The environment variables that address a parameter to one pipeline, without the <c>LLMOPS_</c> prefix:
    /// <c>FINE_TUNE_EPOCHS</c>, and <c>FINETUNE_EPOCHS</c> for those who write the pipeline name as one word.
    /// </summary>
    public static IReadOnlyList<string> QualifiedEnvironment(string pipelineName, string kebabName)
    {
        var parameter = ToEnvironment(kebabName);
        var spaced = $"{ToEnvironment(ToKebab(pipelineName))}_{parameter}";
        var joined = $"{pipelineName.ToUpperInvariant()}_{parameter}";
        return spaced == joined ? [spaced] : [spaced, joined];
    }
}
