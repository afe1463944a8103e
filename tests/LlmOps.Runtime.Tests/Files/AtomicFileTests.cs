using System.Text;
using LlmOps.Runtime.Tests.Support;

namespace LlmOps.Runtime.Tests.Files;

public sealed class AtomicFileTests
{
    [Fact]
    public void Text_is_written_as_utf8_without_a_byte_order_mark_and_folders_are_created()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "a", "b", "run.json");

        AtomicFile.WriteAllText(path, "héllo");

        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), File.ReadAllBytes(path));
        Assert.Equal(["run.json"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Bytes_and_streams_replace_an_existing_file_and_leave_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("data.bin");
        File.WriteAllText(path, "old content that is longer than the new one");

        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));

        AtomicFile.Write(path, stream => stream.Write("written"u8));
        Assert.Equal("written", File.ReadAllText(path));

        Assert.Equal(["data.bin"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_stream_is_copied_in_whole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("copy.bin");
        var content = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();

        await AtomicFile.WriteAsync(path, new MemoryStream(content), TestContext.Current.CancellationToken);

        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_write_that_fails_keeps_the_old_file_and_removes_its_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("state.json");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_cancelled_stream_copy_keeps_the_old_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("state.json");
        File.WriteAllText(path, "old");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, new MemoryStream(new byte[10]), new CancellationToken(canceled: true)));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Publishing_immutable_content_keeps_an_existing_target_and_drops_the_new_copy()
    {
        using var dir = new TempDirectory();
        var target = dir.File("objects/ab/cdef");
        var first = dir.File("first.tmp");
        var second = dir.File("second.tmp");
        File.WriteAllText(first, "same");
        File.WriteAllText(second, "same");

        AtomicFile.PublishImmutable(first, target);
        AtomicFile.PublishImmutable(second, target);

        Assert.Equal("same", File.ReadAllText(target));
        Assert.False(File.Exists(first));
        Assert.False(File.Exists(second));
    }

    [Fact]
    public void Concurrent_writers_leave_one_complete_version()
    {
        using var dir = new TempDirectory();
        var path = dir.File("contended.txt");
        var versions = Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 10_000)).ToArray();

        Parallel.ForEach(versions, new ParallelOptions { MaxDegreeOfParallelism = 4 }, v => AtomicFile.WriteAllText(path, v));

        Assert.Contains(File.ReadAllText(path), versions);
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Path));
    }
}
