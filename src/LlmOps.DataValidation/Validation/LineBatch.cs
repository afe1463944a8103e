using System.Buffers;

namespace LlmOps.DataValidation.Validation;

/// <summary>A line of a batch: its bytes in the batch buffer, or only its length when it was too long to keep.</summary>
internal readonly record struct LineSlice(int Offset, int Length, long Number, long SkippedLength);

/// <summary>A run of complete lines in one pooled buffer, handed to a worker and returned to the pool after merging.</summary>
internal sealed class LineBatch(byte[] buffer)
{
    public byte[] Buffer { get; } = buffer;

    public List<LineSlice> Lines { get; } = [];

    public long Bytes { get; set; }

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
