using System.Text;
using LlmOps.Containers.Images;
using LlmOps.Containers.Running;

namespace LlmOps.Containers.Tests.Running;

public sealed class UnitPiecesTests
{
    [Theory]
    [InlineData("ghcr.io/acme/trainer:1.2", "ghcr.io/acme/trainer", "1.2")]
    [InlineData("localhost:5000/trainer", "localhost:5000/trainer", "latest")]
    [InlineData("ghcr.io/acme/trainer@sha256:abc", "ghcr.io/acme/trainer", "sha256:abc")]
    [InlineData("ghcr.io/acme/trainer:1.2@sha256:abc", "ghcr.io/acme/trainer", "sha256:abc")]
    public void Image_references_split_like_the_cli(string reference, string repository, string tag) =>
        Assert.Equal((repository, tag), ImageReferenceParser.Split(reference));

    [Fact]
    public void Masker_hides_every_secret_even_when_one_contains_another()
    {
        var masker = new SecretMasker(["abc", "xxabcxx", ""]);
        Assert.Equal("token=*** and ***", masker.Mask("token=xxabcxx and abc"));
    }

    [Fact]
    public void Line_splitter_keeps_utf8_split_across_frames_and_strips_cr()
    {
        var lines = new List<string>();
        var splitter = new LogPump.LineSplitter(lines.Add);
        var bytes = Encoding.UTF8.GetBytes("héllo\r\nwörld\npartial");
        splitter.Feed(bytes.AsSpan(0, 2));
        splitter.Feed(bytes.AsSpan(2, 9));
        splitter.Feed(bytes.AsSpan(11));
        Assert.Equal(["héllo", "wörld"], lines);
        splitter.Flush();
        Assert.Equal(["héllo", "wörld", "partial"], lines);
    }

    [Theory]
    [InlineData("""{"name":"loss","value":0.5,"step":10}""", "loss", 0.5, 10L)]
    [InlineData("""{"name":"acc","value":"0.25"}""", "acc", 0.25, null)]
    public void Metrics_lines_parse(string line, string name, double value, long? step)
    {
        Assert.True(MetricsTailer.TryParse(line, out var point));
        Assert.Equal(new MetricPoint(name, value, step), point);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"value":1}""")]
    [InlineData("""{"name":"loss","value":"x"}""")]
    [InlineData("""{"name":"loss","value":1,"step":1.5}""")]
    public void Malformed_metrics_lines_are_rejected(string line) => Assert.False(MetricsTailer.TryParse(line, out _));
}
