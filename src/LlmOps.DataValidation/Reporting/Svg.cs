using System.Globalization;
using System.Net;
using System.Text;

namespace LlmOps.DataValidation;

/// <summary>A minimal bar chart as inline SVG (vertical bars, labels under each, the count above).</summary>
internal static class Svg
{
    public static string Bars(string title, IReadOnlyList<(string Label, long Count)> bars)
    {
        const int height = 160, barWidth = 36, gap = 6, top = 28, bottom = 40;
        var width = Math.Max(240, (bars.Count * (barWidth + gap)) + gap);
        var max = Math.Max(1, bars.Max(b => b.Count));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + top + bottom}\" role=\"img\" aria-label=\"{E(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{gap}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{E(title)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, count) = bars[i];
            var h = count == 0 ? 0 : Math.Max(1, (int)(height * count / (double)max));
            var x = gap + (i * (barWidth + gap));
            var y = top + height - h;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{barWidth}\" height=\"{h}\" fill=\"#4a7bd0\"><title>{E(label)}: {count:N0}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (barWidth / 2)}\" y=\"{y - 3}\" font-size=\"9\" text-anchor=\"middle\">{count:N0}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (barWidth / 2)}\" y=\"{top + height + 12}\" font-size=\"9\" text-anchor=\"middle\">{E(label)}</text>");
        }

        return sb.Append("</svg>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
