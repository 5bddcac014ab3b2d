using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using KerasPort.Data;

namespace KerasPort.Tests.Data;

/// <summary>
/// keras.utils.get_file against a real HTTP server on 127.0.0.1 (a free port), and Keras 3.15.1's
/// keras/src/utils/file_utils_test.py, test by test:
/// PathToStringTest (4 tests): not translatable, C# paths are strings (no PathLike, no None).
/// ResolvePathTest (absolute, relative): ResolvePathOfAbsoluteAndRelativePaths.
/// ResolveSubPathTest (absolute paths, subdir, same dir, path traversal, prefix confusion): ResolveSubPath.
/// IsLinkInDirTest.test_is_link_in_dir (its six cases): IsLinkInDir.
/// FilterSafePathsTest: member and symlink within the base dir: ExtractArchiveFormats, LinksOutsideTheTargetAreRefused
/// (the in-folder link); test_invalid_path_warning: AnArchiveMemberOutsideTheTargetRefusesTheArchive (refused
/// with an error naming the member and the archive, where Keras skips it with a warning);
/// test_file_routed_through_symlink_is_rejected: ResolveSubPath and LinksOutsideTheTargetAreRefused.
/// ExtractArchiveTest (tar, zip, auto, non-existent file, format None): ExtractArchiveFormats;
/// test_runtime_error_during_extraction: AFailureWhileExtractingRemovesTheFolder (a real write failure
/// instead of a patched extractall); test_keyboard_interrupt_during_extraction: not translatable (no
/// KeyboardInterrupt; any exception takes the same path, which the previous test covers).
/// GetFileTest: valid tar/zip extraction: ValidTarExtraction, ExtractsAZipAndNamesTheArchiveWhenFnameHasNoExtension;
/// valid text file download: ValidTextFileDownload; tgz extension: UntarExtractsATarGz; integrity check:
/// FileOriginsAreCopied; cache invalidation: AHashThatMatchesKeepsTheCacheAndANewHashDownloadsAgain; force
/// download: ForceDownloadDownloadsAgain; failed integrity check: AMismatchedDownloadIsRemovedAndTheCachedFileStays.
/// The gfile tests (exists, open, isdir, join, listdir, makedirs/rmtree, copy, remove, complex paths),
/// IsRemotePathTest and TestRaiseIfNoGFile: not translatable, they test Keras's TensorFlow-gfile wrappers for
/// remote filesystems (gs://, hdfs://), which KerasPort does not have (System.IO serves local paths).
/// HashFileTest, TestValidateFile, ResolveHasherTest: HashesAsKeras.
/// </summary>
[NonParallelizable]
public sealed class GetFileTests : TempDirectoryTest
{
    private const string Text = "Float like a butterfly, sting like a bee.";
    private LocalHttpServer _server = null!;
    private StringWriter _stdout = null!;
    private string? _previous_home;

    [SetUp]
    public void StartServer()
    {
        _server = new LocalHttpServer();
        _stdout = new StringWriter();
        IoUtils.stdout = _stdout;
        _previous_home = Environment.GetEnvironmentVariable("KERAS_HOME");
        Environment.SetEnvironmentVariable("KERAS_HOME", Path.Combine(dir, "home"));
    }

    [TearDown]
    public void StopServer()
    {
        _server.Dispose();
        _stdout.Dispose();
        IoUtils.stdout = null;
        Environment.SetEnvironmentVariable("KERAS_HOME", _previous_home);
    }

    private string serve(string name, byte[] content)
    {
        _server.files[name] = content;
        return _server.url + name;
    }

    private static byte[] tar_gz(params (string name, string text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz))
        {
            foreach (var (name, text) in files)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
        return buffer.ToArray();
    }

    private static byte[] tar_with(params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, leaveOpen: true))
            foreach (var e in entries) tar.WriteEntry(e);
        return buffer.ToArray();
    }

    private static byte[] zip(params (string name, string text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in files)
                using (var w = new StreamWriter(archive.CreateEntry(name).Open())) w.Write(text);
        return buffer.ToArray();
    }

    private static string sha256(byte[] b) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(b));

    [Test]
    public void DownloadsIntoKerasHomeAndReusesTheCache()
    {
        var url = serve("data/HIGGS.csv.gz", Encoding.UTF8.GetBytes(Text));
        var path = keras.utils.get_file("HIGGS.csv.gz", url);
        Assert.That(path, Is.EqualTo(Path.Combine(dir, "home", "datasets", "HIGGS.csv.gz")));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Text));
        Assert.That(_stdout.ToString(), Does.StartWith($"Downloading data from {url}\n"));
        Assert.That(_stdout.ToString(), Does.Contain($"{Text.Length}/{Text.Length}"));
        Assert.That(keras.utils.get_file("HIGGS.csv.gz", url), Is.EqualTo(path));
        Assert.That(_server.requests["data/HIGGS.csv.gz"], Is.EqualTo(1));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1));
    }

    [Test]
    public void FnameDefaultsToTheUrlsLastPart()
    {
        var url = serve("a/b/Red_sunflower", Encoding.UTF8.GetBytes("x"));
        Assert.That(Path.GetFileName(keras.utils.get_file(origin: url)), Is.EqualTo("Red_sunflower"));
        var e = Assert.Throws<ArgumentException>(() => keras.utils.get_file(origin: _server.url));
        Assert.That(e!.Message, Does.StartWith("Can't parse the file name from the origin provided"));
        Assert.Throws<ArgumentException>(() => keras.utils.get_file("a/b.txt", url));
        e = Assert.Throws<ArgumentException>(() => keras.utils.get_file("x"));
        Assert.That(e!.Message, Does.StartWith("Please specify the \"origin\" argument"));
    }

    [Test]
    public void ExtractsATgzNextToItAsKerasNamesIt()
    {
        var url = serve("flower_photos.tgz", tar_gz(("flower_photos/roses/a.txt", "rose"), ("flower_photos/LICENSE.txt", "cc")));
        var data_dir = keras.utils.get_file("flower_photos.tgz", origin: url, extract: true);
        Assert.That(data_dir, Is.EqualTo(Path.Combine(dir, "home", "datasets", "flower_photos_extracted")));
        Assert.That(File.ReadAllText(Path.Combine(data_dir, "flower_photos", "roses", "a.txt")), Is.EqualTo("rose"));
        Assert.That(File.Exists(Path.Combine(dir, "home", "datasets", "flower_photos.tgz")));
    }

    [Test]
    public void ExtractsAZipAndNamesTheArchiveWhenFnameHasNoExtension()
    {
        // Keras's test_valid_zip_extraction: fname "test" downloads to test_archive and extracts to test.
        var content = zip(("test.txt", Text));
        var url = serve("test.zip", content);
        var cache = Path.Combine(dir, "cache");
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content));
        var path = keras.utils.get_file("test", url, md5_hash: md5, extract: true, cache_subdir: cache);
        Assert.That(path, Is.EqualTo(Path.Combine(cache, "test")));
        Assert.That(FileUtils.validate_file(path + "_archive", md5));
        Assert.That(File.ReadAllText(Path.Combine(path, "test.txt")), Is.EqualTo(Text));
        // Without fname: extracted into a folder named after the URL's file, the archive beside it.
        var from_url = keras.utils.get_file(origin: url, extract: true);
        Assert.That(from_url, Is.EqualTo(Path.Combine(dir, "home", "datasets", "test.zip")));
        Assert.That(File.Exists(from_url + "_archive"));
    }

    [Test]
    public void UntarExtractsATarGz()
    {
        // Keras's test_get_file_with_tgz_extension.
        var url = serve("test.tar.gz", tar_gz(("test.txt", Text)));
        var path = keras.utils.get_file("test.txt.tar.gz", url, untar: true, cache_subdir: Path.Combine(dir, "dest"));
        Assert.That(path, Is.EqualTo(Path.Combine(dir, "dest", "test_extracted")));
        Assert.That(File.Exists(Path.Combine(path, "test.txt")));
    }

    [Test]
    public void AHashThatMatchesKeepsTheCacheAndANewHashDownloadsAgain()
    {
        // Keras's test_cache_invalidation.
        var cache = Directory.CreateDirectory(Path.Combine(dir, "c")).FullName;
        var url = serve("test.txt", Encoding.UTF8.GetBytes(Text));
        var orig_hash = sha256(Encoding.UTF8.GetBytes(Text));
        var path = keras.utils.get_file("test.txt", url, file_hash: orig_hash, cache_dir: cache);
        Assert.That(FileUtils.hash_file(path), Is.EqualTo(orig_hash));
        var changed = Encoding.UTF8.GetBytes("Float like a zeppelin, sting like a jellyfish.");
        _server.files["test.txt"] = changed;
        Assert.That(FileUtils.hash_file(keras.utils.get_file("test.txt", url, cache_dir: cache)), Is.EqualTo(orig_hash));
        var new_hash = sha256(changed);
        Assert.That(FileUtils.hash_file(keras.utils.get_file("test.txt", url, file_hash: new_hash, cache_dir: cache)), Is.EqualTo(new_hash));
        Assert.That(_stdout.ToString(), Does.Contain($"A local file was found, but it seems to be incomplete or outdated because the auto file hash does not match the original value of {new_hash} so we will re-download the data."));
    }

    [Test]
    public void ForceDownloadDownloadsAgain()
    {
        // Keras's test_force_download.
        var cache = Directory.CreateDirectory(Path.Combine(dir, "c")).FullName;
        var url = serve("test.txt", Encoding.UTF8.GetBytes(Text));
        var path = keras.utils.get_file("test.txt", url, cache_dir: cache);
        var changed = Encoding.UTF8.GetBytes("Float like a zeppelin, sting like a jellyfish.");
        _server.files["test.txt"] = changed;
        Assert.That(File.ReadAllBytes(keras.utils.get_file("test.txt", url, cache_dir: cache)), Is.EqualTo(Encoding.UTF8.GetBytes(Text)));
        Assert.That(File.ReadAllBytes(keras.utils.get_file("test.txt", url, force_download: true, cache_dir: cache)), Is.EqualTo(changed));
        Assert.That(path, Is.EqualTo(Path.Combine(cache, "datasets", "test.txt")));
    }

    [Test]
    public void AMismatchedDownloadIsRemovedAndTheCachedFileStays()
    {
        // Keras's test_get_file_with_failed_integrity_check, plus what the cache keeps.
        var url = serve("test.txt", Encoding.UTF8.GetBytes(Text));
        var e = Assert.Throws<InvalidDataException>(() => keras.utils.get_file("test.txt", url, file_hash: new string('0', 64)));
        Assert.That(e!.Message, Does.StartWith("Incomplete or corrupted file detected."));
        var folder = Path.Combine(dir, "home", "datasets");
        Assert.That(Directory.GetFiles(folder), Is.Empty);

        var cached = keras.utils.get_file("test.txt", url);
        _server.files["test.txt"] = Encoding.UTF8.GetBytes("tampered");
        Assert.Throws<InvalidDataException>(() => keras.utils.get_file("test.txt", url, file_hash: new string('1', 64)));
        Assert.That(File.ReadAllText(cached), Is.EqualTo(Text));
        Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { cached }));
    }

    [Test]
    public void HttpErrorsAndCutDownloadsLeaveNothing()
    {
        var e = Assert.Throws<IOException>(() => keras.utils.get_file("missing.bin", _server.url + "missing.bin"));
        Assert.That(e!.Message, Is.EqualTo($"URL fetch failure on {_server.url}missing.bin: 404 -- Not Found"));
        var url = serve("big.bin", new byte[100000]);
        _server.truncated.Add("big.bin");
        Assert.Catch<Exception>(() => keras.utils.get_file("big.bin", url));
        Assert.That(Directory.GetFiles(Path.Combine(dir, "home", "datasets")), Is.Empty);
    }

    [Test]
    public void FileOriginsAreCopied()
    {
        var source = Path.Combine(dir, "src.txt");
        File.WriteAllText(source, Text);
        var path = keras.utils.get_file("copy.txt", new Uri(source).AbsoluteUri, file_hash: FileUtils.hash_file(source));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Text));
    }

    [Test]
    public void AnArchiveMemberOutsideTheTargetRefusesTheArchive()
    {
        var url = serve("evil.tar.gz", tar_gz(("ok.txt", "fine"), ("../../escaped.txt", "bad")));
        var e = Assert.Throws<InvalidDataException>(() => keras.utils.get_file("evil.tar.gz", url, extract: true));
        Assert.That(e!.Message, Does.Contain("'../../escaped.txt'"));
        Assert.That(e.Message, Does.Contain("evil.tar.gz"));
        // Nothing written: not even the extraction folder.
        Assert.That(Directory.Exists(Path.Combine(dir, "home", "datasets", "evil_extracted")), Is.False);
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(dir, "home", "datasets")), Is.EqualTo(new[] { Path.Combine(dir, "home", "datasets", "evil.tar.gz") }));
        Assert.That(File.Exists(Path.Combine(dir, "escaped.txt")), Is.False);

        var zip_url = serve("evil.zip", zip(("a.txt", "fine"), ("../outside.txt", "bad")));
        e = Assert.Throws<InvalidDataException>(() => keras.utils.get_file("evil.zip", zip_url, extract: true));
        Assert.That(e!.Message, Does.Contain("'../outside.txt'").And.Contain("evil.zip"));
        Assert.That(File.Exists(Path.Combine(dir, "home", "datasets", "outside.txt")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(dir, "home", "datasets", "evil_extracted")), Is.False);
        // An absolute member name is outside too.
        var absolute = Path.Combine(dir, "absolute.tar");
        File.WriteAllBytes(absolute, tar_with(new PaxTarEntry(TarEntryType.RegularFile, Path.Combine(dir, "abs.txt")) { DataStream = new MemoryStream([1]) }));
        Assert.Throws<InvalidDataException>(() => FileUtils.extract_archive(absolute, Path.Combine(dir, "abs_out")));
        Assert.That(File.Exists(Path.Combine(dir, "abs.txt")) || Directory.Exists(Path.Combine(dir, "abs_out")), Is.False);
    }

    [Test]
    public void AFailureWhileExtractingRemovesTheFolder()
    {
        // Keras's test_runtime_error_during_extraction, with a real failure: "a" is a file, then
        // "a/b" needs "a" to be a folder.
        var archive = Path.Combine(dir, "clash.tar");
        File.WriteAllBytes(archive, tar_with(
            new PaxTarEntry(TarEntryType.RegularFile, "a") { DataStream = new MemoryStream([1]) },
            new PaxTarEntry(TarEntryType.RegularFile, "a/b") { DataStream = new MemoryStream([2]) }));
        var target = Path.Combine(dir, "runtime_error_extraction");
        Assert.Throws<IOException>(() => FileUtils.extract_archive(archive, target, "tar"));
        Assert.That(Directory.Exists(target), Is.False);
    }

    [TestCase("tar.gz")]
    [TestCase(null)]
    public void ValidTarExtractionAndTextFileDownload(string? archive_type)
    {
        // Keras's test_valid_tar_extraction and test_valid_text_file_download (_test_file_extraction_and_validation):
        // fname "test", an md5 hash, cache_subdir an absolute folder.
        var content = archive_type is null ? Encoding.UTF8.GetBytes(Text) : tar_gz(("test.txt", Text));
        var url = serve(archive_type is null ? "test.txt" : "test.tar.gz", content);
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content));
        var dest_dir = Path.Combine(dir, "dest");
        var path = keras.utils.get_file("test", url, md5_hash: md5, extract: archive_type is not null, cache_subdir: dest_dir);
        var fpath = archive_type is null ? path : path + "_archive";
        Assert.That(path, Is.EqualTo(Path.Combine(dest_dir, "test")));
        Assert.That(FileUtils.validate_file(fpath, md5), Is.True);
        if (archive_type is null) Assert.That(File.ReadAllText(path), Is.EqualTo(Text));
        else Assert.That(File.ReadAllText(Path.Combine(path, "test.txt")), Is.EqualTo(Text));
    }

    [Test]
    public void ResolvePathOfAbsoluteAndRelativePaths()
    {
        // Keras's ResolvePathTest: an absolute path stays itself; a relative one is taken from the current folder.
        var absolute = Path.Combine(dir, "file.txt");
        Assert.That(FileUtils.resolve_path(absolute), Is.EqualTo(Path.Combine(FileUtils.resolve_path(dir), "file.txt")));
        Assert.That(FileUtils.resolve_path("file.txt"), Is.EqualTo(Path.Combine(FileUtils.resolve_path(Environment.CurrentDirectory), "file.txt")));
    }

    [Test]
    public void LinksOutsideTheTargetAreRefused()
    {
        var archive = Path.Combine(dir, "links.tar");
        File.WriteAllBytes(archive, tar_with(new PaxTarEntry(TarEntryType.SymbolicLink, "passwd") { LinkName = "/etc/passwd" }));
        Assert.Throws<InvalidDataException>(() => FileUtils.extract_archive(archive, Path.Combine(dir, "out")));
        Assert.That(File.Exists(Path.Combine(dir, "out", "passwd")), Is.False);
        // A file routed through a link of the same archive is refused too (file_utils_test's
        // test_file_routed_through_symlink_is_rejected, with the link in the archive).
        File.WriteAllBytes(archive, tar_with(
            new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "." },
            new PaxTarEntry(TarEntryType.RegularFile, "link/../escaped.txt") { DataStream = new MemoryStream([1]) }));
        Assert.Throws<InvalidDataException>(() => FileUtils.extract_archive(archive, Path.Combine(dir, "out2")));
        // A link that stays inside is extracted as a link.
        File.WriteAllBytes(archive, tar_with(
            new PaxTarEntry(TarEntryType.RegularFile, "target.txt") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("target")) },
            new PaxTarEntry(TarEntryType.SymbolicLink, "folder/link.txt") { LinkName = "../target.txt" }));
        Assert.That(FileUtils.extract_archive(archive, Path.Combine(dir, "out3")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(dir, "out3", "folder", "link.txt")), Is.EqualTo("target"));
    }

    [TestCase(false, "file.txt", "file.txt", true)]
    [TestCase(false, "file.txt", "../file.txt", false)]
    [TestCase(false, "../file.txt", "file.txt", false)]
    [TestCase(true, "folder/foo.txt", "../file.txt", true)]
    [TestCase(true, "../foo.txt", "file.txt", false)]
    [TestCase(true, "folder/foo.txt", "../../file.txt", false)]
    public void IsLinkInDir(bool is_symlink, string name, string linkname, bool expected)
    {
        Assert.That(FileUtils.is_link_in_dir(is_symlink, name, linkname, FileUtils.resolve_path(dir)), Is.EqualTo(expected));
    }

    [Test]
    public void ResolveSubPath()
    {
        var base_dir = FileUtils.resolve_path(dir);
        Assert.That(FileUtils.resolve_sub_path(base_dir, "sub/file.txt"), Is.EqualTo(Path.Combine(base_dir, "sub", "file.txt")));
        Assert.That(FileUtils.resolve_sub_path(base_dir, "."), Is.EqualTo(base_dir));
        Assert.That(FileUtils.resolve_sub_path(base_dir, "../x"), Is.Null);
        // Prefix confusion: /base_evil is not inside /base.
        Assert.That(FileUtils.resolve_sub_path(base_dir, "../" + Path.GetFileName(base_dir) + "_evil/x"), Is.Null);
        Directory.CreateDirectory(Path.Combine(dir, "real"));
        File.CreateSymbolicLink(Path.Combine(dir, "link"), ".");
        Assert.That(FileUtils.resolve_sub_path(base_dir, "link/../escaped.txt"), Is.Null);
    }

    [Test]
    public void ExtractArchiveFormats()
    {
        // Keras's ExtractArchiveTest.
        var tar = Path.Combine(dir, "sample.tar");
        File.WriteAllBytes(tar, tar_with(new PaxTarEntry(TarEntryType.RegularFile, "sample.txt") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("Hello, world!")) }));
        var zipped = Path.Combine(dir, "sample.zip");
        File.WriteAllBytes(zipped, zip(("sample.txt", "Hello, world!")));
        Assert.That(FileUtils.extract_archive(tar, Path.Combine(dir, "t"), "tar"), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(dir, "t", "sample.txt")), Is.EqualTo("Hello, world!"));
        Assert.That(FileUtils.extract_archive(zipped, Path.Combine(dir, "z"), "zip"), Is.True);
        Assert.That(FileUtils.extract_archive(tar, Path.Combine(dir, "a1")), Is.True);
        Assert.That(FileUtils.extract_archive(zipped, Path.Combine(dir, "a2")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(dir, "a2", "sample.txt")), Is.EqualTo("Hello, world!"));
        Assert.That(FileUtils.extract_archive(tar, Path.Combine(dir, "none"), null), Is.False);
        Assert.That(FileUtils.extract_archive(zipped, Path.Combine(dir, "wrong"), "tar"), Is.False);
        Assert.Throws<FileNotFoundException>(() => FileUtils.extract_archive(Path.Combine(dir, "non_existent.tar"), Path.Combine(dir, "n")));
    }

    [Test]
    public void NotAnArchiveWarnsAndReturnsTheFolder()
    {
        var url = serve("plain.zip", Encoding.UTF8.GetBytes("not an archive"));
        using var warnings = CapturedWarnings.of_callbacks();
        var path = keras.utils.get_file("plain.zip", url, extract: true);
        Assert.That(path, Is.EqualTo(Path.Combine(dir, "home", "datasets", "plain_extracted")));
        Assert.That(warnings.lines(), Is.EqualTo(new[] { "Could not extract archive." }));
    }

    [Test]
    public void HashesAsKeras()
    {
        // Keras's HashFileTest, TestValidateFile and ResolveHasherTest.
        var file = Path.Combine(dir, "test.txt");
        File.WriteAllText(file, "test");
        const string sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        const string md5 = "098f6bcd4621d373cade4e832627b4f6";
        Assert.That(FileUtils.hash_file(file), Is.EqualTo(sha));
        Assert.That(FileUtils.hash_file(file, "md5"), Is.EqualTo(md5));
        Assert.That(FileUtils.validate_file(file, sha, "sha256"));
        Assert.That(FileUtils.validate_file(file, md5, "md5"));
        Assert.That(FileUtils.validate_file(file, sha));
        Assert.That(FileUtils.validate_file(file, md5));
        Assert.That(FileUtils.validate_file(file, "wrong"), Is.False);
        Assert.That(FileUtils.resolve_hasher("sha256"), Is.InstanceOf<System.Security.Cryptography.SHA256>());
        Assert.That(FileUtils.resolve_hasher("auto", new string('a', 64)), Is.InstanceOf<System.Security.Cryptography.SHA256>());
        Assert.That(FileUtils.resolve_hasher("auto", new string('a', 32)), Is.InstanceOf<System.Security.Cryptography.MD5>());
        Assert.That(FileUtils.resolve_hasher("other"), Is.InstanceOf<System.Security.Cryptography.MD5>());
    }

    [Test]
    public void WithoutKerasHomeTheCacheIsDotKerasInTheHomeFolder()
    {
        // Keras's config.keras_home(): $KERAS_HOME, else ~/.keras; a cache_dir starting with ~ is expanded.
        var previous_home = Environment.GetEnvironmentVariable("HOME");
        var user = Directory.CreateDirectory(Path.Combine(dir, "user")).FullName;
        Environment.SetEnvironmentVariable("HOME", user);
        Environment.SetEnvironmentVariable("KERAS_HOME", null);
        try
        {
            var url = serve("t.txt", Encoding.UTF8.GetBytes("x"));
            Assert.That(keras.utils.get_file("t.txt", url), Is.EqualTo(Path.Combine(user, ".keras", "datasets", "t.txt")));
            Directory.CreateDirectory(Path.Combine(user, "elsewhere"));
            Assert.That(keras.utils.get_file("t.txt", url, cache_dir: "~/elsewhere", cache_subdir: "sub"), Is.EqualTo(Path.Combine(user, "elsewhere", "sub", "t.txt")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOME", previous_home);
        }
    }

    [Test]
    public void HashAlgorithmAndArchiveFormatAreKeras()
    {
        var content = Encoding.UTF8.GetBytes(Text);
        var url = serve("h.txt", content);
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(content));
        // An md5 hash read as sha256 does not match: the download is refused.
        Assert.Throws<InvalidDataException>(() => keras.utils.get_file("h.txt", url, file_hash: md5, hash_algorithm: "sha256"));
        Assert.That(File.ReadAllText(keras.utils.get_file("h.txt", url, file_hash: md5, hash_algorithm: "md5")), Is.EqualTo(Text));
        var e = Assert.Throws<ArgumentException>(() => keras.utils.get_file("h.txt", url, hash_algorithm: "sha1"));
        Assert.That(e!.Message, Does.Contain("hash_algorithm=sha1"));
        // archive_format names the formats tried: a tar.gz is not extracted as "zip", and is as "tar".
        var tgz_url = serve("a.tar.gz", tar_gz(("inside.txt", Text)));
        using (var warnings = CapturedWarnings.of_callbacks())
        {
            var not_extracted = keras.utils.get_file("a.tar.gz", tgz_url, extract: true, archive_format: "zip");
            Assert.That(Directory.Exists(not_extracted), Is.False);
            Assert.That(warnings.lines(), Is.EqualTo(new[] { "Could not extract archive." }));
        }
        var extracted = keras.utils.get_file("a.tar.gz", tgz_url, extract: true, archive_format: "tar");
        Assert.That(File.ReadAllText(Path.Combine(extracted, "inside.txt")), Is.EqualTo(Text));
        Assert.That(_server.requests["a.tar.gz"], Is.EqualTo(1));
    }

    [Test]
    public void AMissingCacheDirFallsBackToTmp()
    {
        var url = serve("t.txt", Encoding.UTF8.GetBytes("x"));
        var path = keras.utils.get_file("t.txt", url, cache_dir: Path.Combine(dir, "does", "not", "exist"), cache_subdir: $"kp-test-{Guid.NewGuid():N}");
        try
        {
            Assert.That(path, Does.StartWith(Path.Combine("/tmp", ".keras")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
