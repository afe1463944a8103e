using LlmOps.Containers.Errors;
using LlmOps.Containers.Specs;

namespace LlmOps.Containers.Tests.Specs;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("16g", 16L * 1024 * 1024 * 1024)]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("512MB", 512L * 1024 * 1024)]
    [InlineData("1024k", 1024L * 1024)]
    [InlineData("100", 100L)]
    [InlineData("1.5g", 3L * 512 * 1024 * 1024)]
    [InlineData(" 2T ", 2L * 1024 * 1024 * 1024 * 1024)]
    public void Parses_docker_style_sizes(string text, long expected) =>
        Assert.Equal(expected, ByteSize.Parse(text, "memory"));

    [Theory]
    [InlineData("")]
    [InlineData("16x")]
    [InlineData("-1g")]
    [InlineData("0")]
    [InlineData("g")]
    [InlineData("sixteen")]
    public void Rejects_bad_sizes_with_a_clear_message(string text)
    {
        var ex = Assert.Throws<ContainerStageException>(() => ByteSize.Parse(text, "shm"));
        Assert.Contains($"Invalid shm size '{text}'", ex.Message);
        Assert.Contains("\"16g\"", ex.Message);
    }
}
