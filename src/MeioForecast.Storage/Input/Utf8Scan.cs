using System.Buffers;
using System.Text;

namespace MeioForecast.Storage.Input;

/// <summary>Finds the first invalid UTF-8 sequence of a file with its line, for the error message (only read on that error path).</summary>
internal static class Utf8Scan
{
    /// <summary>The 1-based line and byte offset of the first invalid UTF-8 sequence; (line after the end, length) when there is none.</summary>
    public static (int Line, long Offset) FirstInvalid(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[(1 << 16) + 8];
        var carry = 0;
        var line = 1;
        long offset = 0;
        while (true)
        {
            var read = file.Read(buffer, carry, 1 << 16);
            var count = carry + read;
            var i = 0;
            while (i < count)
            {
                var status = Rune.DecodeFromUtf8(buffer.AsSpan(i, count - i), out _, out var consumed);
                if (status == OperationStatus.NeedMoreData && read > 0)
                {
                    break;
                }

                if (status != OperationStatus.Done)
                {
                    return (line, offset);
                }

                if (buffer[i] == (byte)'\n')
                {
                    line++;
                }

                i += consumed;
                offset += consumed;
            }

            if (read == 0)
            {
                return (line, offset);
            }

            carry = count - i;
            Array.Copy(buffer, i, buffer, 0, carry);
        }
    }
}
