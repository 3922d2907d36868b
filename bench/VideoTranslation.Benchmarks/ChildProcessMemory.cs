using System.Runtime.InteropServices;

namespace VideoTranslation.Benchmarks;

/// <summary>
/// Peak resident memory of the largest child process waited for so far (ffmpeg, pocketsphinx, ...), from
/// getrusage(RUSAGE_CHILDREN): the pipeline's heavy lifting happens in those processes, not in ours.
/// </summary>
internal static partial class ChildProcessMemory
{
    private const int RusageChildren = -1;

    public static long PeakBytes()
    {
        var usage = default(RUsage);
        return GetRUsage(RusageChildren, ref usage) == 0 ? usage.MaxRss * 1024 : 0; // Linux reports kilobytes
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, ref RUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs (ru_maxrss first).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVCsw;
        public long NIvCsw;
    }
}
