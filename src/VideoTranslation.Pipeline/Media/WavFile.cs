using System.Buffers.Binary;

namespace VideoTranslation.Pipeline.Media;

/// <summary>Reads a PCM WAV file's duration from its chunks without decoding (or starting ffprobe), or its samples in blocks.</summary>
public static class WavFile
{
    /// <summary>
    /// The samples of a 16-bit PCM mono WAV (what <see cref="AudioExtractor"/> writes) as floats in [-1, 1), in blocks of
    /// at most <paramref name="blockSamples"/>, so that hours of audio never sit in memory whole.
    /// </summary>
    public static IEnumerable<float[]> ReadMono16(string path, int blockSamples)
    {
        using var file = File.OpenRead(path);
        var (rate, bits, channels, bytes) = DataChunk(file, path);
        if (bits != 16 || channels != 1)
        {
            throw new InvalidDataException($"{path} is not 16-bit mono PCM.");
        }

        var buffer = new byte[blockSamples * 2];
        long left = bytes;
        int read;
        while (left > 0 && (read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left))) > 0)
        {
            left -= read;
            var block = new float[read / 2];
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(i * 2)) / 32768f;
            }

            yield return block;
        }
    }

    /// <summary>The sample rate of a PCM WAV file.</summary>
    public static int SampleRate(string path)
    {
        using var file = File.OpenRead(path);
        return DataChunk(file, path).Rate;
    }

    /// <summary>Positions <paramref name="file"/> at the start of the samples; gives the format and the data's length in bytes.</summary>
    private static (int Rate, int Bits, int Channels, long Bytes) DataChunk(FileStream file, string path)
    {
        Span<byte> header = stackalloc byte[12];
        if (file.Read(header) != 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{path} is not a WAV file.");
        }

        (int Rate, int Bits, int Channels) format = default;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fields = stackalloc byte[16];
        while (file.Read(chunk) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                file.ReadExactly(fields);
                format = ((int)BinaryPrimitives.ReadUInt32LittleEndian(fields[4..]), BinaryPrimitives.ReadUInt16LittleEndian(fields[14..]), BinaryPrimitives.ReadUInt16LittleEndian(fields[2..]));
                file.Seek(size - 16 + (size % 2), SeekOrigin.Current);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                // A streaming writer may leave the size unset (0 or 0xFFFFFFFF): then the data runs to the end.
                return (format.Rate, format.Bits, format.Channels, size is 0 or uint.MaxValue ? file.Length - file.Position : size);
            }
            else
            {
                file.Seek(size + (size % 2), SeekOrigin.Current);
            }
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }

    /// <summary>The size of <see cref="Mono16Header"/>.</summary>
    public const int Mono16HeaderSize = 44;

    /// <summary>A canonical 44-byte header for <paramref name="samples"/> of 16-bit mono PCM at <paramref name="sampleRate"/>.</summary>
    public static byte[] Mono16Header(int sampleRate, long samples)
    {
        var dataBytes = (uint)(samples * 2);
        var header = new byte[Mono16HeaderSize];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(28), (uint)sampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), dataBytes);
        return header;
    }

    public static TimeSpan Duration(string path)
    {
        using var file = File.OpenRead(path);
        var (rate, bits, channels, bytes) = DataChunk(file, path);
        var byteRate = (long)rate * channels * bits / 8;
        return byteRate == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(bytes / (double)byteRate);
    }
}
