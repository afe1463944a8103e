using System.Text.Json;

namespace LlmOps.Packaging;

/// <summary>The SPDX licence ids the CycloneDX schema accepts, so <c>apache-2.0</c> as a card writes it becomes the id <c>Apache-2.0</c> and anything else a named licence.</summary>
internal static class SpdxLicenses
{
    private static readonly Lazy<Dictionary<string, string>> Ids = new(() =>
    {
        using var stream = typeof(SpdxLicenses).Assembly.GetManifestResourceStream("cyclonedx/spdx.schema.json")!;
        using var schema = JsonDocument.Parse(stream);
        return schema.RootElement.GetProperty("enum").EnumerateArray()
            .Select(e => e.GetString()!)
            .ToDictionary(id => id, StringComparer.OrdinalIgnoreCase);
    });

    /// <summary>The CycloneDX licence choice for <paramref name="license"/>.</summary>
    public static object Choice(string license) => Ids.Value.TryGetValue(license, out var id)
        ? new { license = new { id } }
        : new { license = (object)new { name = license } };
}
