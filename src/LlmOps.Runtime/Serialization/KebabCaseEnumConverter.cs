using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Runtime;

/// <summary>
/// Writes and reads an enum as its kebab-case name (<c>NotRun</c> as <c>"not-run"</c>), the spelling of files that
/// people and scripts read, such as <c>run.json</c>. Put it on the enum type
/// (<c>[JsonConverter(typeof(KebabCaseEnumConverter&lt;T&gt;))]</c>) so that every serializer uses it. Numbers are
/// rejected: a file with <c>"Status": 3</c> was not written by LlmOps.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>The kebab-case names of enum values, as <see cref="KebabCaseEnumConverter{TEnum}"/> writes them.</summary>
public static class KebabCaseName
{
    /// <summary><paramref name="value"/>'s name in kebab case, for messages and tables: <c>not-run</c>.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
