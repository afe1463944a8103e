using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LlmOps.DataValidation;

/// <summary>The shape of each JSONL line.</summary>
public abstract class DatasetFormat
{
    private protected DatasetFormat(string name) => Name = name;

    /// <summary>OpenAI chat fine-tuning format: <c>{"messages":[...], "tools":[...]}</c>.</summary>
    public static DatasetFormat ChatJsonl { get; } = new BuiltIn("chat-jsonl", () => new Formats.ChatChecker());

    /// <summary>Completion format: <c>{"prompt":"...","completion":"..."}</c>.</summary>
    public static DatasetFormat PromptCompletionJsonl { get; } = new BuiltIn("prompt-completion-jsonl", () => new Formats.PromptCompletionChecker());

    /// <summary>DPO preference pairs: <c>{"prompt":..,"chosen":..,"rejected":..}</c> with strings or message lists.</summary>
    public static DatasetFormat PreferenceJsonl { get; } = new BuiltIn("preference-jsonl", () => new Formats.PreferenceChecker());

    /// <summary>The format's name as shown in reports.</summary>
    public string Name { get; }

    /// <summary>
    /// Lines are instances of <typeparamref name="T"/> (a record or class) read with System.Text.Json: C# <c>required</c> members
    /// must be present, unknown fields are reported, nullable annotations are enforced, and DataAnnotations attributes and
    /// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> are checked. Every string value is scanned.
    /// </summary>
    public static DatasetFormat Custom<T>(JsonSerializerOptions? options = null)
    {
        var o = options is null
            ? new JsonSerializerOptions(JsonSerializerDefaults.Web) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true }
            : new JsonSerializerOptions(options);
        o.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        o.MakeReadOnly();
        return new BuiltIn($"custom:{typeof(T).Name}", () => new Formats.CustomRecordChecker<T>(o));
    }

    internal abstract Formats.ExampleChecker CreateChecker();

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class BuiltIn(string name, Func<Formats.ExampleChecker> factory) : DatasetFormat(name)
    {
        internal override Formats.ExampleChecker CreateChecker() => factory();
    }
}
