using System.Buffers;

namespace LlmOps.DataValidation.Validation;

/// <summary>
/// Splits a stream into lines without decoding it. Memory stays at a few buffers: a line longer than the limit is
/// never buffered, only its length is counted while the reader skips to the next newline.
/// </summary>
internal sealed class LineReader(Stream stream, long lineLimit, int batchBytes = 1 << 20)
{
    public IEnumerable<LineBatch> Batches()
    {
        var carry = Array.Empty<byte>();
        var carryLength = 0;
        var lineNumber = 0L;
        var skipping = false;
        var skipped = 0L;
        var eof = false;
        byte[]? idle = null;
        var pendingBytes = 0L;
        while (!eof)
        {
            var size = (int)Math.Min(Math.Max(batchBytes, (long)carryLength + batchBytes), int.MaxValue - 64);
            var buffer = idle is not null && idle.Length >= size ? idle : ArrayPool<byte>.Shared.Rent(size);
            idle = null;
            Buffer.BlockCopy(carry, 0, buffer, 0, carryLength);
            if (carry.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(carry);
            }

            carry = [];
            var filled = carryLength;
            var read = 0L;
            while (filled < buffer.Length)
            {
                var n = stream.Read(buffer, filled, buffer.Length - filled);
                if (n == 0)
                {
                    eof = true;
                    break;
                }

                filled += n;
                read += n;
            }

            var batch = new LineBatch(buffer) { Bytes = read + pendingBytes };
            pendingBytes = 0;
            var pos = 0;
            while (pos < filled)
            {
                var nl = buffer.AsSpan(pos, filled - pos).IndexOf((byte)'\n');
                if (nl < 0)
                {
                    break;
                }

                lineNumber++;
                if (skipping)
                {
                    batch.Lines.Add(new LineSlice(0, 0, lineNumber, skipped + nl));
                    skipping = false;
                }
                else if (nl > lineLimit)
                {
                    batch.Lines.Add(new LineSlice(0, 0, lineNumber, nl));
                }
                else
                {
                    batch.Lines.Add(new LineSlice(pos, nl, lineNumber, 0));
                }

                pos += nl + 1;
            }

            var rest = filled - pos;
            if (skipping)
            {
                skipped += rest;
                rest = 0;
            }
            else if (rest > lineLimit)
            {
                skipping = true;
                skipped = rest;
                rest = 0;
            }

            if (eof)
            {
                if (skipping)
                {
                    batch.Lines.Add(new LineSlice(0, 0, ++lineNumber, skipped));
                }
                else if (rest > 0)
                {
                    batch.Lines.Add(new LineSlice(pos, rest, ++lineNumber, 0));
                }

                rest = 0;
            }

            if (rest > 0)
            {
                carry = ArrayPool<byte>.Shared.Rent(rest);
                Buffer.BlockCopy(buffer, pos, carry, 0, rest);
            }

            carryLength = rest;
            if (batch.Lines.Count > 0)
            {
                yield return batch;
            }
            else
            {
                // Skipping an over-long line: keep reading into the same buffer, so memory stays flat.
                pendingBytes = batch.Bytes;
                idle = buffer;
            }
        }

        if (idle is not null)
        {
            ArrayPool<byte>.Shared.Return(idle);
        }
    }
}
