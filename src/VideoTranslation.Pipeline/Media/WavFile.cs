using System.Buffers.Binary;

namespace VideoTranslation.Pipeline.Media;

/// <summary>Reads a PCM WAV file's duration from its chunks, without decoding (or starting ffprobe).</summary>
public static class WavFile
{
    public static TimeSpan Duration(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[12];
        if (file.Read(header) != 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{path} is not a WAV file.");
        }

        uint byteRate = 0;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> format = stackalloc byte[16];
        while (file.Read(chunk) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                file.ReadExactly(format);
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(format[8..]);
                file.Seek(size - 16 + (size % 2), SeekOrigin.Current);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                // A streaming writer may leave the size unset (0 or 0xFFFFFFFF): then the data runs to the end.
                var bytes = size is 0 or uint.MaxValue ? file.Length - file.Position : size;
                return byteRate == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(bytes / (double)byteRate);
            }
            else
            {
                file.Seek(size + (size % 2), SeekOrigin.Current);
            }
        }

        throw new InvalidDataException($"{path} has no data chunk.");
    }
}
