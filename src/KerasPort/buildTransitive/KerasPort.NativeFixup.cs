// Fix-up for libLibTorchSharp.so (TorchSharp 0.107.0). One source, two users: MSBuild's
// RoslynCodeTaskFactory compiles it from KerasPort.targets (the build-time step, with the task
// class), and the KerasPort library compiles it with KERASPORT_ELF_ONLY (the load-time step in
// Backend/NativeLibraryFixup.cs, without the task class, which needs MSBuild's assemblies).
//
// GCC 13 makes every translation unit that includes <iostream> reference
// `_ZSt21ios_base_library_initv@GLIBCXX_3.4.32` as a marker; the symbol is never called.
// Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the dynamic loader refuses the library.
// Marking that one version requirement VER_FLG_WEAK in .gnu.version_r turns the hard error
// into a tolerated missing version, and the library loads and runs normally.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace KerasPort.Build
{
    /// <summary>Reads and edits the version requirements (.gnu.version_r) of a 64-bit little-endian ELF file.</summary>
    internal static class ElfVersionNeeds
    {
        public const ushort VER_FLG_WEAK = 0x2;
        private const uint SHT_DYNAMIC = 6;
        private const uint SHT_GNU_verneed = 0x6ffffffe;
        private const long DT_NEEDED = 1;

        /// <summary>One Vernaux entry: the library that must provide a version, the version, its flags.</summary>
        public sealed class Requirement
        {
            public Requirement(string file, string version, ushort flags, long flagsOffset)
            {
                File = file; Version = version; Flags = flags; FlagsOffset = flagsOffset;
            }
            public string File { get; }
            public string Version { get; }
            public ushort Flags { get; }
            public long FlagsOffset { get; }
            public bool IsWeak => (Flags & VER_FLG_WEAK) != 0;
        }

        /// <summary>Lists every version requirement of the ELF image in <paramref name="elf"/>.</summary>
        public static List<Requirement> Read(byte[] elf)
        {
            CheckHeader(elf);
            long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
            int shentsize = BitConverter.ToUInt16(elf, 0x3A);
            int shnum = BitConverter.ToUInt16(elf, 0x3C);
            var result = new List<Requirement>();
            for (int s = 0; s < shnum; s++)
            {
                long sh = shoff + (long)s * shentsize;
                if (BitConverter.ToUInt32(elf, (int)sh + 4) != SHT_GNU_verneed) continue;
                long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
                int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28);
                int count = (int)BitConverter.ToUInt32(elf, (int)sh + 0x2C); // sh_info: number of Verneed entries
                long strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);

                long need = offset;
                for (int n = 0; n < count; n++)
                {
                    int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                    string file = CString(elf, strtab + BitConverter.ToUInt32(elf, (int)need + 4));
                    long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        string version = CString(elf, strtab + BitConverter.ToUInt32(elf, (int)aux + 8));
                        result.Add(new Requirement(file, version, flags, aux + 4));
                        aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                    }
                    need += BitConverter.ToUInt32(elf, (int)need + 12);
                }
            }
            return result;
        }

        /// <summary>The libraries that the ELF image in <paramref name="elf"/> names as DT_NEEDED, in order.</summary>
        public static List<string> NeededLibraries(byte[] elf)
        {
            CheckHeader(elf);
            long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
            int shentsize = BitConverter.ToUInt16(elf, 0x3A);
            int shnum = BitConverter.ToUInt16(elf, 0x3C);
            var result = new List<string>();
            for (int s = 0; s < shnum; s++)
            {
                long sh = shoff + (long)s * shentsize;
                if (BitConverter.ToUInt32(elf, (int)sh + 4) != SHT_DYNAMIC) continue;
                long offset = (long)BitConverter.ToUInt64(elf, (int)sh + 0x18);
                long size = (long)BitConverter.ToUInt64(elf, (int)sh + 0x20);
                int link = (int)BitConverter.ToUInt32(elf, (int)sh + 0x28);
                long strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);
                for (long entry = offset; entry + 16 <= offset + size; entry += 16)
                {
                    long tag = BitConverter.ToInt64(elf, (int)entry);
                    if (tag == 0) break; // DT_NULL ends the table
                    if (tag == DT_NEEDED)
                        result.Add(CString(elf, strtab + (long)BitConverter.ToUInt64(elf, (int)entry + 8)));
                }
            }
            return result;
        }

        /// <summary>Sets VER_FLG_WEAK on every requirement of <paramref name="version"/>; returns how many changed.</summary>
        public static int MarkWeak(byte[] elf, string version)
        {
            int changed = 0;
            foreach (var r in Read(elf))
            {
                if (r.Version != version || r.IsWeak) continue;
                ushort flags = (ushort)(r.Flags | VER_FLG_WEAK);
                elf[r.FlagsOffset] = (byte)(flags & 0xff);
                elf[r.FlagsOffset + 1] = (byte)(flags >> 8);
                changed++;
            }
            return changed;
        }

        /// <summary>True when one of the system's libstdc++.so.6 files defines <paramref name="version"/>.</summary>
        public static bool SystemLibStdCxxProvides(string version)
        {
            string[] dirs =
            {
                "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            };
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            bool found = false;
            foreach (string dir in dirs)
            {
                string path = Path.Combine(dir, "libstdc++.so.6");
                if (!System.IO.File.Exists(path)) continue;
                found = true;
                if (IndexOf(System.IO.File.ReadAllBytes(path), needle) >= 0) return true;
            }
            // No libstdc++ found where we looked: leave the library alone rather than guess.
            return !found;
        }

        private static void CheckHeader(byte[] elf)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        }

        private static string CString(byte[] data, long start)
        {
            long end = start;
            while (data[end] != 0) end++;
            return Encoding.ASCII.GetString(data, (int)start, (int)(end - start));
        }

        // The task factory compiles against netstandard2.0, which has no span search.
        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && haystack[i + k] == needle[k]) k++;
                if (k == needle.Length) return i;
            }
            return -1;
        }
    }

#if !KERASPORT_ELF_ONLY
    /// <summary>MSBuild task: marks GLIBCXX_3.4.32 weak in the built copies of libLibTorchSharp.so when needed.</summary>
    public sealed class FixTorchSharpNativeLibrary : Microsoft.Build.Utilities.Task
    {
        private const string Version = "GLIBCXX_3.4.32";

        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux) || Files.Length == 0)
                return true;
            if (ElfVersionNeeds.SystemLibStdCxxProvides(Version))
            {
                Log.LogMessage("KerasPort: the system libstdc++ provides " + Version + "; libLibTorchSharp.so left as shipped.");
                return true;
            }
            foreach (var item in Files)
            {
                string path = item.ItemSpec;
                byte[] elf = System.IO.File.ReadAllBytes(path);
                int changed = ElfVersionNeeds.MarkWeak(elf, Version);
                if (changed == 0) continue;
                // Write a new file, then replace the old one by rename: the output copy may be a hard
                // link into the NuGet cache, which must never change.
                string temp = path + ".kerasport-tmp";
                System.IO.File.WriteAllBytes(temp, elf);
                System.IO.File.Delete(path);
                System.IO.File.Move(temp, path);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    "KerasPort: marked " + Version + " weak in " + path + " (the system libstdc++ lacks it).");
            }
            return true;
        }
    }
#endif
}
