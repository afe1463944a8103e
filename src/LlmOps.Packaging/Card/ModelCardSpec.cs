namespace LlmOps.Packaging;

/// <summary>
/// What the pipeline declares about the model for its card: intended use, limitations, licence, tags, task, and which
/// of these are required. Filled inside <c>.ModelCard(c =&gt; c.IntendedUse(..).Limitations(..).License(..))</c>.
/// </summary>
public sealed class ModelCardSpec
{
    /// <summary>The field names <see cref="Require"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Fields = ["intended_use", "limitations", "license", "tags", "task", "base_model", "datasets", "training_parameters", "trainer_image"];

    private readonly List<string> _limitations = [];
    private readonly List<string> _tags = [];
    private readonly List<string> _required = [];

    /// <summary>What the model is for, or null.</summary>
    public string? IntendedUseText { get; private set; }

    /// <summary>Known limitations, one sentence each.</summary>
    public IReadOnlyList<string> LimitationList => _limitations;

    /// <summary>The model's licence (an SPDX id such as <c>apache-2.0</c>, as Hugging Face cards write it), or null.</summary>
    public string? LicenseId { get; private set; }

    /// <summary>Tags for the card's front matter.</summary>
    public IReadOnlyList<string> TagList => _tags;

    /// <summary>The Hugging Face task (<c>text-classification</c>), or null.</summary>
    public string? TaskName { get; private set; }

    /// <summary>Fields that must be declared or found, else the stage fails naming them.</summary>
    public IReadOnlyList<string> RequiredFields => _required;

    /// <summary>What the model is for and who should use it.</summary>
    public ModelCardSpec IntendedUse(string text)
    {
        IntendedUseText = NonEmpty(text, nameof(IntendedUse));
        return this;
    }

    /// <summary>Known limitations; repeated calls add to them.</summary>
    public ModelCardSpec Limitations(params string[] limitations)
    {
        ArgumentNullException.ThrowIfNull(limitations);
        _limitations.AddRange(limitations.Select(l => NonEmpty(l, nameof(Limitations))));
        return this;
    }

    /// <summary>The model's licence, e.g. <c>apache-2.0</c>.</summary>
    public ModelCardSpec License(string license)
    {
        LicenseId = NonEmpty(license, nameof(License));
        return this;
    }

    /// <summary>Tags for the front matter; repeated calls add to them.</summary>
    public ModelCardSpec Tags(params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags.AddRange(tags.Select(t => NonEmpty(t, nameof(Tags))));
        return this;
    }

    /// <summary>The Hugging Face task the model performs (<c>text-classification</c>, <c>text-generation</c>).</summary>
    public ModelCardSpec Task(string task)
    {
        TaskName = NonEmpty(task, nameof(Task));
        return this;
    }

    /// <summary>
    /// Fields that must be present in the card (<see cref="Fields"/>: <c>intended_use</c>, <c>limitations</c>,
    /// <c>license</c>, <c>base_model</c>, <c>datasets</c>, ...); a missing one fails the stage naming it.
    /// </summary>
    /// <exception cref="ArgumentException">A name that is not a card field.</exception>
    public ModelCardSpec Require(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            if (!Fields.Contains(field, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{field}' is not a model card field; required fields are among {string.Join(", ", Fields)}", nameof(fields));
            }

            if (!_required.Contains(field, StringComparer.Ordinal))
            {
                _required.Add(field);
            }
        }

        return this;
    }

    /// <summary>A canonical line for the cache key and the version.</summary>
    internal string Describe() =>
        string.Join("|", IntendedUseText, string.Join(";", _limitations), LicenseId, string.Join(";", _tags), TaskName, string.Join(";", _required));

    private static string NonEmpty(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"the model card's {what} cannot be empty", what) : value.Trim();
}
