namespace LlmOps.DataValidation;

/// <summary>Settings of the PII detectors whose right value depends on the data; part of the rules' cache key.</summary>
public sealed record PiiOptions
{
    /// <summary>The defaults: US phone numbers without a country code, version-like dotted quads not reported.</summary>
    public static PiiOptions Default { get; } = new();

    /// <summary>
    /// The ISO 3166 region (e.g. <c>US</c>, <c>GB</c>, <c>DE</c>) for phone numbers written without <c>+country</c>;
    /// numbers with a <c>+</c> are read in their own country. Default <c>US</c>.
    /// </summary>
    public string PhoneRegion { get; init; } = "US";

    /// <summary>
    /// Whether a dotted quad introduced as a version ("version 1.2.3.4", "v10.0.19041.1", "build 6.1.7601.2") is
    /// reported as an IPv4 address. Off by default: in the labelled set most such quads were versions; turn it on
    /// when missing an address matters more than reviewing version numbers.
    /// </summary>
    public bool ReportVersionLikeIPv4 { get; init; }

    /// <summary>The settings as canonical text for the cache key.</summary>
    internal string Describe() => $"region={PhoneRegion},versions={(ReportVersionLikeIPv4 ? "on" : "off")}";
}
