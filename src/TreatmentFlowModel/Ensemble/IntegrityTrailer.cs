using System.Security.Cryptography;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// The integrity check at the end of a file: the SHA-256 of everything before it, then the marker <c>TFM-SHA2</c>.
/// A reader checks it before using a byte, so a truncated, damaged or half-copied file is refused instead of merged
/// into a wrong answer. The layout is the checksummed checkpoint's (issue 18).
/// </summary>
internal static class IntegrityTrailer
{
    private static readonly byte[] Marker = "TFM-SHA2"u8.ToArray();

    /// <summary>Bytes the trailer adds.</summary>
    public const int Length = 32 + 8;

    /// <summary>Writes <paramref name="body"/>'s output into <paramref name="file"/> followed by its trailer.</summary>
    public static void Write(Stream file, Action<Stream> body)
    {
        using var hashing = new HashingStream(file);
        using var buffered = new BufferedStream(hashing, 1 << 16);
        body(buffered);
        buffered.Flush();
        file.Write(hashing.Hash());
        file.Write(Marker);
    }

    /// <summary>Checks the trailer of <paramref name="file"/> (seekable, at any position) and leaves it at 0; returns the length of the body before the trailer.</summary>
    /// <exception cref="InvalidDataException">The file has no trailer (truncated, or not written by this version) or its contents do not match it; the message says which.</exception>
    public static long Verify(Stream file)
    {
        long body = file.Length - Length;
        if (body <= 0) throw new InvalidDataException($"it is truncated ({file.Length} bytes)");
        var trailer = new byte[Length];
        file.Position = body;
        file.ReadExactly(trailer);
        if (!trailer.AsSpan(32).SequenceEqual(Marker)) throw new InvalidDataException("it has no checksum: it is truncated, or was written by another version of tfm");
        file.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (long left = body; left > 0;)
        {
            int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new InvalidDataException("it is truncated");
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(trailer.AsSpan(0, 32)))
            throw new InvalidDataException("it is damaged: its contents do not match the checksum written with them");
        file.Position = 0;
        return body;
    }

    /// <summary>Passes writes on and hashes them on the way.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public byte[] Hash() => _hash.GetHashAndReset();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            inner.Write(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
