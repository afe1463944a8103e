namespace LlmOps.Governance.Audit;

/// <summary>The last complete line of the trail, and a torn one after it, read from the end of the file only.</summary>
internal static class AuditTail
{
    private const int Block = 64 * 1024;

    public sealed record Line(long Number, string Text);

    public sealed record TornLine(long Number, long Offset, byte[] Bytes);

    public static (Line? Last, TornLine? Torn) Read(FileStream file)
    {
        var length = file.Length;
        if (length == 0)
        {
            return (null, null);
        }

        // Everything after the last newline is a torn line; the complete line before it ends at that newline.
        var lastNewline = FindNewlineBefore(file, length);
        TornLine? torn = null;
        if (lastNewline < length - 1)
        {
            var bytes = ReadRange(file, lastNewline + 1, length);
            torn = new TornLine(-1, lastNewline + 1, bytes);
        }

        Line? last = null;
        if (lastNewline >= 0)
        {
            var start = FindNewlineBefore(file, lastNewline) + 1;
            last = new Line(-1, System.Text.Encoding.UTF8.GetString(ReadRange(file, start, lastNewline)));
        }

        // Line numbers are for messages only, and counting them reads the whole file: only a torn line needs one.
        if (torn is not null)
        {
            var lines = CountNewlines(file);
            last = last is null ? null : last with { Number = lines };
            torn = torn with { Number = lines + 1 };
        }

        return (last, torn);
    }

    private static long FindNewlineBefore(FileStream file, long end)
    {
        var buffer = new byte[Block];
        var position = end;
        while (position > 0)
        {
            var count = (int)Math.Min(Block, position);
            position -= count;
            file.Seek(position, SeekOrigin.Begin);
            file.ReadExactly(buffer, 0, count);
            var index = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (index >= 0)
            {
                return position + index;
            }
        }

        return -1;
    }

    private static byte[] ReadRange(FileStream file, long start, long end)
    {
        var bytes = new byte[end - start];
        file.Seek(start, SeekOrigin.Begin);
        file.ReadExactly(bytes);
        return bytes;
    }

    public static long CountNewlines(FileStream file)
    {
        var buffer = new byte[Block];
        long count = 0;
        file.Seek(0, SeekOrigin.Begin);
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }
}
