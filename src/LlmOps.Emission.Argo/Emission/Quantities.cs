using System.Globalization;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>Kubernetes quantities, always written as strings so YAML never reads them as numbers.</summary>
internal static class Quantities
{
    /// <summary>Bytes in the largest binary unit that divides them exactly: <c>64Gi</c>, <c>512Mi</c>, or plain bytes.</summary>
    public static string Bytes(long bytes) =>
        bytes % (1L << 40) == 0 ? $"{bytes >> 40}Ti"
        : bytes % (1L << 30) == 0 ? $"{bytes >> 30}Gi"
        : bytes % (1L << 20) == 0 ? $"{bytes >> 20}Mi"
        : bytes % (1L << 10) == 0 ? $"{bytes >> 10}Ki"
        : bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>CPU cores as a decimal string, or millicores when fractional below a millicore's precision.</summary>
    public static string Cores(double cores) =>
        Math.Abs(cores * 1000 - Math.Round(cores * 1000)) < 1e-9 && cores != Math.Floor(cores)
            ? $"{Math.Round(cores * 1000).ToString(CultureInfo.InvariantCulture)}m"
            : cores.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer as text.</summary>
    public static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
