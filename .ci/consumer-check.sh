#!/usr/bin/env bash
# Takes KerasPort as an outside project would, in a temporary folder outside the repository:
#   1. packs the library (nupkg and snupkg) into a local feed;
#   2. a console consumer referencing the package from that feed (beside the machine's usual
#      NuGet source) is built, its output measured (below LIMIT_MB), and run twice: once with the
#      build-time native fix-up, once with it switched off so that the load-time one must work;
#   3. the same consumer referencing src/KerasPort/KerasPort.csproj by ProjectReference, run with
#      `dotnet run` (no build-time fix-up reaches it; its output size is reported, not limited),
#      and once more with every package left in the NuGet cache, as a notebook loads them;
#   4. a consumer that swaps the libtorch runtime (ExcludeAssets on the Linux CPU one, another
#      one referenced), resolved without building, as README.md tells applications to do.
# Each consumer trains the article's model (.ci/consumer/Program.cs) for a few epochs.
# Usage: .ci/consumer-check.sh   (LIMIT_MB and STEP_TIMEOUT_S may be set, defaults 600 and 600;
# KEEP_WORK=1 keeps the temporary folder for a look after a failure)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
limit_mb="${LIMIT_MB:-600}"
step_timeout="${STEP_TIMEOUT_S:-600}"
version="0.1.0-check.$(date +%s).$$"
work="$(mktemp -d "${TMPDIR:-/tmp}/kerasport-consumer.XXXXXX")"
packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
packages="${packages%/}"

cleanup() {
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "consumer check: kept $work" >&2; else rm -rf "$work"; fi
  # The package of this run, extracted into the NuGet cache by the restore: remove it again.
  if [ -n "$packages" ]; then
    rm -rf "$packages/kerasport/$version"
    rmdir "$packages/kerasport" 2>/dev/null || true
  fi
}
trap cleanup EXIT

say() { echo "consumer check: $*"; }
fail() { echo "consumer check FAILED: $*" >&2; exit 1; }

# Runs a command under the step time limit with its output in a log; on failure shows the log's end.
run_step() {
  local name="$1"; shift
  local log="$work/$name.log"
  local status=0
  timeout "$step_timeout" "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    if [ "$status" -eq 124 ]; then fail "$name took longer than ${step_timeout}s"; fi
    fail "$name exited with $status (its last lines are above)"
  fi
}

# The path of libLibTorchSharp.so that a consumer run printed ("native: PATH").
native_of() { sed -n 's/^native: //p' "$work/$1.log"; }
losses_of() { sed -n 's/^losses: //p' "$work/$1.log"; }

# True when the system's libstdc++ defines GLIBCXX_3.4.32; then no fix-up is needed at all.
system_has_version() {
  local dir
  for dir in /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib64 /lib64 /usr/lib /lib; do
    if [ -f "$dir/libstdc++.so.6" ]; then
      grep -a -q 'GLIBCXX_3\.4\.32' "$dir/libstdc++.so.6" && return 0 || return 1
    fi
  done
  return 1
}

# Sizes are in MiB (du's bytes / 1024 / 1024).
output_mb() { echo $(( $(du -sb "$1" | cut -f1) / 1024 / 1024 )); }

# An empty Directory.Build.props/.targets/Packages.props in a consumer folder keeps any such file
# above the temporary folder out of its build, as in a fresh project elsewhere.
new_consumer() {
  local dir="$1" references="$2"
  mkdir -p "$dir"
  for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
    echo '<Project />' >"$dir/$f"
  done
  cat >"$dir/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
$references
  </ItemGroup>
</Project>
EOF
  cp "$repo/.ci/consumer/Program.cs" "$dir/Program.cs"
  # The local feed, added to the machine's usual package sources.
  cat >"$dir/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="kerasport-local" value="$work/feed" />
  </packageSources>
</configuration>
EOF
}

if system_has_version; then
  expect_cache=false
  say "the system libstdc++ has GLIBCXX_3.4.32: every run should load libLibTorchSharp.so as shipped"
else
  expect_cache=true
  say "the system libstdc++ lacks GLIBCXX_3.4.32: the fix-ups are needed"
fi

# 1. Pack.
say "packing KerasPort $version into a local feed"
run_step pack dotnet pack "$repo/src/KerasPort/KerasPort.csproj" -c Release -o "$work/feed" -p:PackageVersion="$version"
nupkg="$work/feed/KerasPort.$version.nupkg"
[ -f "$nupkg" ] || fail "no $nupkg was written"
[ -f "$work/feed/KerasPort.$version.snupkg" ] || fail "no symbols package (snupkg) was written"
for entry in README.md buildTransitive/KerasPort.targets buildTransitive/KerasPort.NativeFixup.cs lib/net10.0/KerasPort.dll; do
  grep -a -q "$entry" "$nupkg" || fail "the package lacks $entry"
done
say "package and symbols package written; the package holds its README, its buildTransitive fix-up and the library"

# 2. Package consumer.
pkg="$work/package-consumer"
new_consumer "$pkg" "    <PackageReference Include=\"KerasPort\" Version=\"$version\" />"
export XDG_CACHE_HOME="$work/cache"
say "building a console project that references the package"
run_step package-build dotnet build "$pkg" -c Release
assets="$pkg/obj/project.assets.json"
grep -q '"libtorch-cpu-linux-x64/2.10.0"' "$assets" || fail "the package consumer did not get libtorch-cpu-linux-x64 2.10.0"
if grep -q -i -E '"(torchsharp-cpu|libtorch-cpu|libtorch-cpu-win-x64|libtorch-cpu-osx-arm64)/' "$assets"; then
  fail "the package consumer pulls another libtorch runtime than libtorch-cpu-linux-x64"
fi
out="$pkg/bin/Release/net10.0"
size=$(output_mb "$out")
say "package consumer output: ${size} MB (limit ${limit_mb} MB)"
[ "$size" -lt "$limit_mb" ] || fail "the package consumer's output is ${size} MB, not below ${limit_mb} MB"

run_step package-run dotnet "$out/Consumer.dll"
say "package consumer trained 3 epochs (losses $(losses_of package-run)); loaded $(native_of package-run)"
case "$(native_of package-run)" in
  "$out"/*) ;;
  *) fail "the package consumer loaded $(native_of package-run), not its own (build-time fixed) copy" ;;
esac

# The same consumer without the build-time step: the load-time fix-up has to do it.
rm -f "$out/runtimes/linux-x64/native/libLibTorchSharp.so"
run_step package-run-loadtime dotnet run --project "$pkg" -c Release --property:KerasPortFixNativeLibraryAtBuild=false
native=$(native_of package-run-loadtime)
say "package consumer without the build-time fix-up (dotnet run) trained 3 epochs (losses $(losses_of package-run-loadtime)); loaded $native"
if $expect_cache; then
  case "$native" in "$XDG_CACHE_HOME"/kerasport/native/*) ;; *) fail "expected the load-time copy under $XDG_CACHE_HOME, got $native" ;; esac
fi

# 3. Project-reference consumer, outside the repository: only the load-time fix-up reaches it.
proj="$work/project-consumer"
new_consumer "$proj" "    <ProjectReference Include=\"$repo/src/KerasPort/KerasPort.csproj\" />"
say "running (dotnet run) a console project that references src/KerasPort/KerasPort.csproj"
run_step project-run dotnet run --project "$proj" -c Release
native=$(native_of project-run)
size=$(output_mb "$proj/bin/Release/net10.0")
# Not held to the limit: a project reference does not bring the package's buildTransitive targets,
# which leave out the other platforms' native files (README, "Use it from your project").
say "project-reference consumer output: ${size} MB (every platform's natives); trained 3 epochs (losses $(losses_of project-run)); loaded $native"
if $expect_cache; then
  case "$native" in "$XDG_CACHE_HOME"/kerasport/native/*) ;; *) fail "expected the load-time copy under $XDG_CACHE_HOME, got $native" ;; esac
fi

# 3b. The same, with every package left in the NuGet cache (no copy-local, as a notebook runs):
# TorchSharp and the native libraries load from the package folders.
cached="$work/cache-consumer"
new_consumer "$cached" "    <ProjectReference Include=\"$repo/src/KerasPort/KerasPort.csproj\" />"
sed -i 's|<Nullable>enable</Nullable>|<Nullable>enable</Nullable>\
    <CopyLocalLockFileAssemblies>false</CopyLocalLockFileAssemblies>\
    <GenerateRuntimeConfigDevFile>true</GenerateRuntimeConfigDevFile>|' "$cached/Consumer.csproj"
run_step cache-build dotnet build "$cached" -c Release
[ ! -e "$cached/bin/Release/net10.0/TorchSharp.dll" ] || fail "the NuGet-cache consumer copied TorchSharp.dll into its output"
run_step cache-run dotnet "$cached/bin/Release/net10.0/Consumer.dll"
native=$(native_of cache-run)
say "consumer running from the NuGet cache trained 3 epochs (losses $(losses_of cache-run)); loaded $native"
if $expect_cache; then
  case "$native" in "$XDG_CACHE_HOME"/kerasport/native/*) ;; *) fail "expected the load-time copy under $XDG_CACHE_HOME, got $native" ;; esac
fi

# 4. Swapping the runtime, as README.md tells: resolve the native assets without building.
swap="$work/swap-consumer"
new_consumer "$swap" "    <PackageReference Include=\"KerasPort\" Version=\"$version\" />
    <PackageReference Include=\"libtorch-cpu-linux-x64\" Version=\"2.10.0\" ExcludeAssets=\"all\" />
    <PackageReference Include=\"libtorch-cpu-osx-arm64\" Version=\"2.10.0\" />"
run_step swap-resolve dotnet msbuild "$swap/Consumer.csproj" -restore -t:ResolvePackageAssets \
  -getItem:RuntimeTargetsCopyLocalItems -getItem:NativeCopyLocalItems
grep -q 'libtorch_cpu.dylib' "$work/swap-resolve.log" || fail "the swapped-in runtime (libtorch-cpu-osx-arm64) is not among the consumer's native files"
if grep -q 'libtorch_cpu.so' "$work/swap-resolve.log"; then fail "the excluded runtime (libtorch-cpu-linux-x64) still reaches the consumer"; fi
say "runtime swap: libtorch-cpu-linux-x64 excluded, libtorch-cpu-osx-arm64 resolved in its place"
say "all checks passed"
